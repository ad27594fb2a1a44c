// The document store: checks a file (size, type by content, name), keeps its bytes in the blob store and
// its metadata and owner in PostgreSQL, lists and opens a person's files. Nothing is stored when a check
// fails. Owners are person references ("candidate:<id>"), the key of the compliance work's export and erasure.
import type { Database } from '../platform/database';
import type { FileRefusal } from '../activities/wording/documents';
import type { BlobStore } from './blob-store';
import { sanitiseFileName } from './file-names';
import { MEDIA_TYPES, detectFileType } from './file-types';

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface DocumentStore {
  db: Database;
  blobs: BlobStore;
  maxBytes: number;
}

export class FileRefused extends Error {
  override name = 'FileRefused';
  constructor(readonly reason: FileRefusal) {
    super(`file refused: ${reason}`);
  }
}

export interface IncomingFile {
  fileName: string;
  bytes: Uint8Array;
  /** The upload went past the size limit (the parser stopped reading). */
  truncated?: boolean;
}

/** A name that tries to name a folder is refused rather than silently cut (the person learns why). */
const PATH_IN_NAME = /[/\\]|(^|[/\\])\.\.($|[/\\])|^\.\./;

/** The checks, in the order a person would want to hear them; throws FileRefused. */
export function checkFile(file: IncomingFile, maxBytes: number) {
  if (file.truncated || file.bytes.length > maxBytes) throw new FileRefused('too_large');
  if (file.bytes.length === 0) {
    if (!file.fileName) throw new FileRefused('missing');
    throw new FileRefused('empty');
  }
  if (PATH_IN_NAME.test(file.fileName)) throw new FileRefused('name');
  const type = detectFileType(file.bytes);
  if (!type) throw new FileRefused('type');
  return { type, mediaType: MEDIA_TYPES[type], fileName: sanitiseFileName(file.fileName, type) };
}

export type StoredFileRow = Awaited<ReturnType<Database['storedFile']['findUniqueOrThrow']>>;

/** Checks, then stores the bytes (atomically, once per content) and writes the row. */
export async function storeFile(store: DocumentStore, file: IncomingFile, owner: { ownerRef: string; uploadedBy: string }): Promise<StoredFileRow> {
  const checked = checkFile(file, store.maxBytes);
  const sha256 = await store.blobs.put(file.bytes);
  return store.db.storedFile.create({
    data: { ownerRef: owner.ownerRef, uploadedBy: owner.uploadedBy, sha256, sizeBytes: file.bytes.length, mediaType: checked.mediaType, fileName: checked.fileName, backend: store.blobs.backend },
  });
}

/** Every file of a person, oldest first (for export and erasure). */
export async function filesOfPerson(db: Database, ownerRef: string): Promise<StoredFileRow[]> {
  return db.storedFile.findMany({ where: { ownerRef }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

/** A file's row and bytes, or undefined when there is no such file (or its bytes are gone). */
export async function openFile(store: Pick<DocumentStore, 'db' | 'blobs'>, fileId: string): Promise<{ file: StoredFileRow; bytes: Buffer } | undefined> {
  const file = await store.db.storedFile.findUnique({ where: { id: fileId } });
  if (!file || !(await store.blobs.has(file.sha256))) return undefined;
  return { file, bytes: await store.blobs.get(file.sha256) };
}
