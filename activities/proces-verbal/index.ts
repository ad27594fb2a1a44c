// The certification jury's minutes: generated from the closed jury's record and kept in the document store
// (store.ts), or given back as kept. French is the legal language; an English rendering is made on request
// the same way.
import type { Database } from '../../platform/database';
import type { DocumentSettings } from '../../documents/index';
import type { Language } from '../wording/catalogue';
import { loadProcesVerbalRecord } from './record';
import { renderProcesVerbal } from './render';
import { procesVerbalStore, type StoredProcesVerbal } from './store';

export { ProcesVerbalUnavailable } from './record';
export { sha256Of, type StoredProcesVerbal } from './store';

/** Builds the PDF from the record as it stands (the same record gives the same bytes). */
export async function buildProcesVerbal(db: Database, juryId: string, language: Language): Promise<Buffer> {
  return renderProcesVerbal(await loadProcesVerbalRecord(db, juryId), language);
}

/** The kept minutes of the jury in that language, generated and kept first if there are none yet. */
export async function procesVerbalOf(
  { db, documents }: { db: Database; documents?: DocumentSettings }, juryId: string, language: Language, clock: () => Date,
): Promise<StoredProcesVerbal> {
  const store = procesVerbalStore(db, documents);
  const kept = await store.get(juryId, language);
  if (kept) return kept;
  return store.put(juryId, language, await buildProcesVerbal(db, juryId, language), clock());
}
