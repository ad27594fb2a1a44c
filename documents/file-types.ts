// What a file is, read from its bytes (never from its name or the browser's claim): PDF, PNG, JPEG and
// DOCX are accepted. A DOCX is a ZIP whose central directory names [Content_Types].xml and
// word/document.xml; any other ZIP (or an executable renamed .pdf) is refused.

export type AcceptedType = 'pdf' | 'png' | 'jpeg' | 'docx';

export const MEDIA_TYPES: Record<AcceptedType, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export const EXTENSIONS: Record<AcceptedType, string> = { pdf: 'pdf', png: 'png', jpeg: 'jpg', docx: 'docx' };

const startsWith = (bytes: Uint8Array, signature: number[]) => bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** The accepted type these bytes are, or undefined. */
export function detectFileType(bytes: Uint8Array): AcceptedType | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && isWordDocument(bytes)) return 'docx';
  return undefined;
}

/** The names in a ZIP's central directory (found from its end record); empty when it is not a ZIP. */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment is at most that long).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return [];
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return [];
    names.push(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function isWordDocument(bytes: Uint8Array): boolean {
  const names = new Set(zipEntryNames(bytes));
  return names.has('[Content_Types].xml') && names.has('word/document.xml');
}
