// Where the procès-verbal files are kept: in the document store (documents/), like every other file, with
// a ProcesVerbal row per jury and language pointing at it. Rows written before kept the PDF in PostgreSQL
// (`bytes`): reading one moves its file into the store, unchanged, so its hash stays the same.
import { Prisma, type Database } from '../../platform/database';
import { sha256Of } from '../../documents/blob-store';
import { documentStoreOf, type DocumentSettings } from '../../documents/index';
import { storeFile } from '../../documents/store';
import type { Language } from '../wording/catalogue';

export { sha256Of };

export interface StoredProcesVerbal {
  juryId: string;
  language: Language;
  bytes: Buffer;
  sha256: string;
  generatedAt: Date;
  /** The document store's file. */
  fileId: string;
}

/** The jury's minutes belong to the jury (an official record kept by law), not to one person's files. */
export const procesVerbalOwner = (juryId: string) => `jury:${juryId}`;
const fileNameOf = (juryId: string, language: Language) => `proces-verbal-${juryId}-${language}.pdf`;

export function procesVerbalStore(db: Database, documents?: DocumentSettings) {
  const store = documentStoreOf(db, documents);
  const keep = (juryId: string, language: Language, bytes: Buffer) =>
    storeFile(store, { fileName: fileNameOf(juryId, language), bytes }, { ownerRef: procesVerbalOwner(juryId), uploadedBy: 'jalon:proces-verbal' });

  /** A row written before the document store: its file goes into the store; a concurrent reader's copy wins or loses cleanly. */
  const moveIntoStore = async (row: { id: string; juryId: string; language: string; bytes: Uint8Array }) => {
    const file = await keep(row.juryId, row.language as Language, Buffer.from(row.bytes));
    const moved = await db.procesVerbal.updateMany({ where: { id: row.id, fileId: null }, data: { fileId: file.id, bytes: null } });
    if (moved.count === 0) await db.storedFile.delete({ where: { id: file.id } }); // the other reader moved it first
  };

  const get = async (juryId: string, language: Language): Promise<StoredProcesVerbal | undefined> => {
    let row = await db.procesVerbal.findUnique({ where: { juryId_language: { juryId, language } }, include: { file: true } });
    if (row && !row.file && row.bytes) {
      await moveIntoStore({ ...row, bytes: row.bytes });
      row = await db.procesVerbal.findUnique({ where: { juryId_language: { juryId, language } }, include: { file: true } });
    }
    if (!row?.file) return undefined;
    const bytes = await store.blobs.get(row.file.sha256);
    // The file is addressed by its hash: a different hash here means the store was tampered with.
    if (sha256Of(bytes) !== row.sha256) throw new Error(`The procès-verbal of jury ${juryId} (${language}) in the document store does not match its recorded SHA-256.`);
    return { juryId, language, bytes, sha256: row.sha256, generatedAt: row.generatedAt, fileId: row.file.id };
  };

  return {
    get,
    /** Keeps the file once: a second put for the same jury and language (a retry, a race) keeps the first. */
    async put(juryId: string, language: Language, bytes: Buffer, generatedAt: Date): Promise<StoredProcesVerbal> {
      const kept = await get(juryId, language);
      if (kept) return kept;
      const file = await keep(juryId, language, bytes);
      try {
        await db.procesVerbal.create({ data: { juryId, language, fileId: file.id, sha256: file.sha256, generatedAt } });
      } catch (error) {
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
        await db.storedFile.delete({ where: { id: file.id } }); // the other writer's row and file stay
      }
      return (await get(juryId, language))!;
    },
  };
}
