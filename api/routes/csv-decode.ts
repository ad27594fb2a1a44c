// A CSV file as an office saves it: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"), or an
// 8-bit Western encoding (French Excel's usual "CSV (séparateur: point-virgule)" is Windows-1252). Bytes
// that are valid UTF-8 are read as UTF-8; otherwise chardet names the encoding and iconv-lite decodes it.
// The encoding used is said in the import's report.
import chardet from 'chardet';
import iconv from 'iconv-lite';

export class CsvEncodingError extends Error {}

export function decodeCsv(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'UTF-8 (with BOM)' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf16le'), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf16be'), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    // Not UTF-8: an 8-bit encoding. Windows-1252 is the usual one (a superset of ISO-8859-1 for text).
  }
  const detected = (chardet.detect(bytes) ?? '').toUpperCase();
  // Bytes that failed as UTF-8 are not UTF-8, whatever a guess says; Latin-1 is read as its superset.
  const western = ['', 'UTF-8', 'ISO-8859-1', 'WINDOWS-1252'].includes(detected);
  const encoding = western ? 'windows-1252' : detected.toLowerCase();
  if (!iconv.encodingExists(encoding)) {
    throw new CsvEncodingError(`The file's encoding (${detected}) is not one Jalon reads: save it as "CSV UTF-8" and send it again.`);
  }
  return { text: iconv.decode(bytes, encoding), encoding: encoding === 'windows-1252' ? 'Windows-1252' : detected };
}
