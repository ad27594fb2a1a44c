// A PDF's text as a person reading it would see it: poppler's pdftotext (Debian poppler-utils).
import { execFileSync } from 'node:child_process';

export function pdfText(bytes: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: bytes }).toString('utf8');
}
