// Reads a multipart/form-data upload (one file, a few short fields) with its limits enforced while the
// bytes stream in: past `maxBytes` the parser stops keeping the file and marks it truncated, so an
// oversized upload never sits whole in memory or on disk.
import busboy from 'busboy';
import type { Request } from 'express';
import type { IncomingFile } from './store';

export interface Upload {
  fields: Record<string, string>;
  file?: IncomingFile & { field: string };
}

export class MultipartError extends Error {
  override name = 'MultipartError';
}

export function readUpload(req: Request, limits: { maxBytes: number; fileField: string }): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', preservePath: true, limits: { fileSize: limits.maxBytes, files: 1, fields: 20, fieldSize: 10_000, parts: 25 } });
    } catch (error) {
      reject(new MultipartError((error as Error).message));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Upload['file'];
    let pending: Promise<void> = Promise.resolve();
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      if (field !== limits.fileField) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        truncated = true;
        chunks.length = 0;
      });
      pending = new Promise((done) => stream.on('close', () => {
        file = { field, fileName: info.filename ?? '', bytes: truncated ? new Uint8Array() : Buffer.concat(chunks), truncated };
        done();
      }));
    });
    parser.on('error', (error: Error) => reject(new MultipartError(error.message)));
    parser.on('close', () => {
      pending.then(() => resolve({ fields, ...(file ? { file } : {}) }), reject);
    });
    req.pipe(parser);
  });
}
