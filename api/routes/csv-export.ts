// CSV files that staff open in a spreadsheet. A cell that starts with = + - @, a tab or a carriage
// return is read by Excel or LibreOffice as a formula, which runs when the file is opened (OWASP "CSV
// injection"): such cells get a leading apostrophe, which the spreadsheet shows as text. Two dialects:
// RFC 4180 (UTF-8, comma) for programs, and French Excel's (UTF-8 with BOM, semicolon), which otherwise
// shows "FranÃ§oise" in a single column.
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';

export const CSV_DIALECTS = ['rfc4180', 'excel-fr'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];
export const dialectQuery = z.enum(CSV_DIALECTS).default('rfc4180')
  .describe('rfc4180: UTF-8, comma (for programs); excel-fr: UTF-8 with BOM, semicolon (opens right in French Excel)');

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The start of the file: the BOM where the dialect wants it. */
export function csvPreamble(dialect: CsvDialect): string {
  return dialect === 'excel-fr' ? '\uFEFF' : '';
}

export function csvLines(rows: string[][], dialect: CsvDialect): string {
  return stringify(rows.map((row) => row.map(neutralise)), { delimiter: dialect === 'excel-fr' ? ';' : ',', record_delimiter: 'windows' });
}
