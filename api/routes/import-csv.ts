// The candidate CSV: header checked once (unknown or missing columns refuse the whole file), then each
// line validated on its own into candidate fields or a list of reasons naming the column.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { DEGREE_KINDS, type Referential, type Route } from '../../domain/index';
import { candidateFields, referentialIssues, type CandidateFields } from './candidate-input';

export const CSV_COLUMNS = [
  'external_ref', 'first_name', 'last_name', 'email', 'phone', 'route', 'language', 'enrolled_blocks',
  'extra_time_percent', 'degrees', 'qualifying_years', 'suitable_years', 'vapp_validated',
] as const;
const REQUIRED = ['external_ref', 'first_name', 'last_name', 'email', 'route'] as const;
export const MAX_ROWS = 10_000;
/** No cell of a candidate line is anywhere near this long; a longer record is refused as it is read. */
const MAX_RECORD_CHARACTERS = 20_000;

const optionalText = z.string().trim().transform((v) => (v === '' ? undefined : v));
const list = (sep: string) => optionalText.transform((v) => (v === undefined ? undefined : v.split(sep).map((s) => s.trim()).filter(Boolean)));
// A French office types "2,5": the decimal comma is read as a point.
const numberIn = (max: number) => optionalText.transform((v) => v?.replace(/^(\d+),(\d+)$/, '$1.$2')).pipe(z.union([z.undefined(), z.coerce.number<string>().min(0).max(max)]));

// Routes as a French office writes them, besides the codes themselves (compared without case or accents).
const ROUTE_WORDS: Record<string, Route> = {
  etudiant: 'student', etudiante: 'student', 'formation initiale': 'student', 'statut etudiant': 'student',
  apprentissage: 'apprenticeship', apprenti: 'apprenticeship', apprentie: 'apprenticeship', alternance: 'apprenticeship',
  'formation continue': 'continuing_education', 'formation professionnelle continue': 'continuing_education',
  professionnalisation: 'professionalisation', 'contrat de professionnalisation': 'professionalisation',
  individuel: 'individual', 'candidature individuelle': 'individual', 'candidat libre': 'individual',
  vae: 'vae', 'validation des acquis de l\'experience': 'vae',
};
const plain = (v: string) => v.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’]/g, '\'').toLowerCase().replace(/\s+/g, ' ').trim();
const routeCell = z.string().trim().transform((v) => ROUTE_WORDS[plain(v)] ?? plain(v).replace(/ /g, '_'));
const number = numberIn(60);

const rowSchema = z.strictObject({
  external_ref: candidateFields.externalRef.unwrap(),
  first_name: candidateFields.firstName,
  last_name: candidateFields.lastName,
  email: z.string().trim().pipe(candidateFields.email),
  phone: optionalText.pipe(candidateFields.phone),
  route: routeCell.pipe(candidateFields.route),
  language: optionalText.pipe(z.enum(['fr', 'en']).optional()),
  enrolled_blocks: list(';').pipe(candidateFields.enrolledBlocks),
  extra_time_percent: numberIn(100),
  degrees: list(';').pipe(z.array(z.enum(DEGREE_KINDS)).optional()),
  qualifying_years: number,
  suitable_years: number,
  vapp_validated: optionalText.pipe(z.enum(['true', 'false', 'oui', 'non', 'yes', 'no']).optional()),
}).partial({ phone: true, language: true, enrolled_blocks: true, extra_time_percent: true, degrees: true, qualifying_years: true, suitable_years: true, vapp_validated: true });

export interface CsvReason {
  column: string;
  message: string;
}
export type ParsedLine = { line: number; externalRef?: string; fields: CandidateFields & { externalRef: string } } | { line: number; externalRef?: string; reasons: CsvReason[] };

export class CsvFileError extends Error {}

/** Reads the file: header problems throw CsvFileError (nothing imported); each line is parsed alone. */
export function parseCandidateCsv(text: string, ref: Referential): ParsedLine[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, delimiter: detectDelimiter(text), max_record_size: MAX_RECORD_CHARACTERS });
  } catch (error) {
    const e = error as { code?: string; lines?: number; message: string };
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      throw new CsvFileError(`Line ${e.lines ?? '?'} is longer than ${MAX_RECORD_CHARACTERS} characters, far more than a candidate line: check the file's delimiter (; or ,) and its quotes.`);
    }
    throw new CsvFileError(`The file is not readable CSV: ${e.message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new CsvFileError('The file is empty: the first line must name the columns.');
  // Checked before anything else looks at the header: a header of thousands of cells is refused at once.
  if (header.length > CSV_COLUMNS.length) {
    throw new CsvFileError(`The first line names ${header.length} columns; a candidate file has at most ${CSV_COLUMNS.length}: ${CSV_COLUMNS.join(', ')}.`);
  }
  const columns = header.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (unknown.length || missing.length || repeated.length) {
    throw new CsvFileError([
      unknown.length ? `unknown column(s): ${unknown.map((c) => c.slice(0, 60)).join(', ')}` : '',
      missing.length ? `missing column(s): ${missing.join(', ')}` : '',
      repeated.length ? `repeated column(s): ${repeated.join(', ')}` : '',
    ].filter(Boolean).join('; ') + `. Allowed columns: ${CSV_COLUMNS.join(', ')}.`);
  }
  if (rows.length === 0) throw new CsvFileError('The file has a header but no candidate line.');
  if (rows.length > MAX_ROWS) throw new CsvFileError(`The file has ${rows.length} lines; import at most ${MAX_ROWS} at a time (split the file).`);

  const seen = new Map<string, number>();
  const seenEmail = new Map<string, number>();
  return rows.map((cells, i) => {
    const line = i + 2; // 1-based, after the header
    if (cells.length !== columns.length) {
      return { line, reasons: [{ column: '*', message: `${cells.length} cells where the header has ${columns.length}` }] };
    }
    const raw = Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? '']));
    const externalRef = raw.external_ref?.trim() || undefined;
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      return { line, externalRef, reasons: parsed.error.issues.map((issue) => ({ column: String(issue.path[0] ?? '*'), message: issue.message })) };
    }
    const r = parsed.data;
    const fields: CandidateFields & { externalRef: string } = {
      externalRef: r.external_ref,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email.toLowerCase(),
      phone: r.phone,
      route: r.route,
      language: r.language ?? 'fr',
      enrolledBlocks: r.enrolled_blocks,
      accommodations: r.extra_time_percent ? { extraTimePercent: r.extra_time_percent, other: [] } : undefined,
      declaredProfile: r.degrees || r.qualifying_years !== undefined || r.vapp_validated
        ? {
            degrees: (r.degrees ?? []).map((kind) => ({ kind })),
            experience: { qualifyingYears: r.qualifying_years ?? 0, ...(r.suitable_years !== undefined ? { suitableYears: r.suitable_years } : {}) },
            vappValidated: ['true', 'oui', 'yes'].includes(r.vapp_validated ?? ''),
          }
        : undefined,
    };
    const reasons: CsvReason[] = referentialIssues(fields, ref).map((x) => ({ column: 'enrolled_blocks', message: x.message }));
    const first = seen.get(fields.externalRef);
    if (first !== undefined) reasons.push({ column: 'external_ref', message: `same external_ref as line ${first}` });
    else seen.set(fields.externalRef, line);
    const sameEmail = seenEmail.get(fields.email);
    if (sameEmail !== undefined) reasons.push({ column: 'email', message: `same email as line ${sameEmail}` });
    else seenEmail.set(fields.email, line);
    return reasons.length ? { line, externalRef, reasons } : { line, externalRef, fields };
  });
}

function detectDelimiter(text: string): string {
  const first = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  return first.split(';').length > first.split(',').length ? ';' : ',';
}
