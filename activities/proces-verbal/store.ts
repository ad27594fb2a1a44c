// Where the procès-verbal files are kept: PostgreSQL for now (ProcesVerbal rows). This module's one job is
// to keep and give back the bytes with their hash, so that moving them to the document store changes it alone.
import { createHash } from 'node:crypto';
import type { Database } from '../../platform/database';
import type { Language } from '../wording/catalogue';

export interface StoredProcesVerbal {
  juryId: string;
  language: Language;
  bytes: Buffer;
  sha256: string;
  generatedAt: Date;
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function procesVerbalStore(db: Database) {
  return {
    async get(juryId: string, language: Language): Promise<StoredProcesVerbal | undefined> {
      const row = await db.procesVerbal.findUnique({ where: { juryId_language: { juryId, language } } });
      return row ? { juryId, language, bytes: Buffer.from(row.bytes), sha256: row.sha256, generatedAt: row.generatedAt } : undefined;
    },
    /** Keeps the file once: a second put for the same jury and language (a retry, a race) keeps the first. */
    async put(juryId: string, language: Language, bytes: Buffer, generatedAt: Date): Promise<StoredProcesVerbal> {
      const sha256 = sha256Of(bytes);
      const row = await db.procesVerbal.upsert({
        where: { juryId_language: { juryId, language } },
        create: { juryId, language, bytes: new Uint8Array(bytes), sha256, generatedAt },
        update: {},
      });
      return { juryId, language, bytes: Buffer.from(row.bytes), sha256: row.sha256, generatedAt: row.generatedAt };
    },
  };
}
