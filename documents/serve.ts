// Sends a stored file as a download, never displayed inline: the browser saves it under its sanitised
// name and does not guess another type (a file that is an HTML page in disguise is not run).
import type { Response } from 'express';
import { attachmentDisposition } from './file-names';
import type { StoredFileRow } from './store';

export function sendStoredFile(res: Response, file: StoredFileRow, bytes: Buffer): void {
  res.status(200).set({
    'Content-Type': file.mediaType,
    'Content-Length': String(bytes.length),
    'Content-Disposition': attachmentDisposition(file.fileName),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  res.end(bytes);
}
