// The document store's entry: built once per process from the configuration.
import path from 'node:path';
import type { Database } from '../platform/database';
import { LocalBlobStore } from './blob-store';
import { DEFAULT_MAX_UPLOAD_BYTES, type DocumentStore } from './store';

export interface DocumentSettings {
  /** Where the local backend keeps the files (DOCUMENTS_DIR, default JALON_DATA_DIR/files). */
  dir: string;
  /** MAX_UPLOAD_BYTES, default 10 MB. */
  maxBytes?: number;
}

/** Without settings, the default of an unconfigured installation: .data/files under the working folder. */
export function documentStoreOf(db: Database, settings?: DocumentSettings): DocumentStore {
  return { db, blobs: new LocalBlobStore(settings?.dir ?? path.resolve('.data', 'files')), maxBytes: settings?.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES };
}
