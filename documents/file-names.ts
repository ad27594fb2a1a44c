// A file name as people sent it becomes a safe one: no folder part (`../`, `C:\`), no control or
// invisible characters, no leading dots, at most 120 characters, and the extension of what the file
// really is. The name is only ever shown and offered on download; storage goes by the content's hash.
import { EXTENSIONS, type AcceptedType } from './file-types';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff<>:"/\\|?*]/g;

export function sanitiseFileName(given: string, type: AcceptedType): string {
  const last = given.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  const stem = last
    .replace(UNSAFE, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .slice(0, 120);
  return `${stem || 'document'}.${EXTENSIONS[type]}`;
}

/** The Content-Disposition value for a download: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
