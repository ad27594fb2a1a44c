// Erasure of a person (GDPR art. 17), asked by staff with a legal reason or by the retention policy. In
// order: their running journeys end (withdrawal), the database forgets them in one transaction (the
// candidate row locked: a concurrent or repeated request finds the erasure done and answers its record),
// then their files and the mailbox archive's copies of their emails go. What the law requires stays, and
// the record says what and why. The record, kept as an audit event, holds no personal data.
import type { Client } from '@temporalio/client';
import type { BlobStore } from '../documents/blob-store';
import type { Database, Prisma } from '../platform/database';
import type { Actor } from '../workflows/messages';
import { endRunningJourneys } from './end-journeys';
import { eraseRows, type RowsErased } from './erase-rows';
import { removeMailboxCopies } from './mailbox-archive';
import { collectPersonData, PersonNotFound } from './person-data';

export const ERASED_ACTION = 'person.erased';

export interface ErasureDeps {
  db: Database;
  blobs: BlobStore;
  /** The SMTP sink's archive folder (JALON_DATA_DIR/mail), where copies of sent emails are kept. */
  mailboxDir?: string;
  /** To end running journeys; without it a person with a running journey is refused. */
  temporal?: Client;
}

export interface ErasureRequest {
  candidateId: string;
  reason: string;
  /** "staff:<id>" or "retention:<report id>". */
  by: string;
  actor: Actor;
}

export interface KeptItem {
  what: string;
  fr: string;
  en: string;
}

export interface ErasureRecord extends RowsErased {
  candidateId: string;
  erasedAt: string;
  by: string;
  reason: string;
  certifiedHolder: boolean;
  journeysEnded: string[];
  filesRemoved: number;
  mailboxCopiesRemoved: number;
  kept: KeptItem[];
  /** The SHA-256 of the files removed: a repeated request removes any bytes a crash left behind. */
  fileHashes: string[];
}

export class ErasureRefused extends Error {
  override name = 'ErasureRefused';
  constructor(readonly code: 'reason_names_person' | 'journey_running', message: string) {
    super(message);
  }
}

export async function erasePerson(deps: ErasureDeps, request: ErasureRequest): Promise<{ record: ErasureRecord; alreadyErased: boolean }> {
  const { db } = deps;
  const done = await existingRecord(db, request.candidateId);
  if (done) return { record: await removeLeftBytes(deps, done), alreadyErased: true };
  const person = await db.candidate.findUnique({ where: { id: request.candidateId } });
  if (!person) throw new PersonNotFound(`No candidate ${request.candidateId}`);
  const identifiers = [person.email, `${person.firstName} ${person.lastName}`, `${person.lastName} ${person.firstName}`, ...(person.phone ? [person.phone] : [])];
  if (identifiers.some((i) => request.reason.toLowerCase().includes(i.toLowerCase()))) {
    throw new ErasureRefused('reason_names_person', 'The reason names the person (their name, address or phone): the erasure record is kept, so write the legal ground without naming them (e.g. "demande de la personne, art. 17 RGPD, courriel du 3 mars").');
  }
  const journeysEnded = deps.temporal ? await endRunningJourneys(db, deps.temporal, request.candidateId, request.actor) : [];
  if (!deps.temporal && (await db.journeyView.count({ where: { candidateId: request.candidateId, NOT: { status: { startsWith: 'ended' } } } })) > 0) {
    throw new ErasureRefused('journey_running', 'The person\'s journey is still running and cannot be ended from here.');
  }
  const data = await collectPersonData(db, request.candidateId);
  const fileHashes = [...new Set((data.tables.StoredFile as { ownerRef: string; sha256: string }[]).filter((f) => f.ownerRef === data.keys.ownerRef).map((f) => f.sha256))];
  const certifiedHolder = (await db.jury.count({ where: { candidateId: request.candidateId, kind: 'certification', outcome: 'awarded' } })) > 0;
  const outcome = await db.$transaction(async (tx) => {
    // The lock makes a concurrent request wait here, then find the erasure done.
    await tx.$queryRaw`SELECT id FROM "Candidate" WHERE id = ${request.candidateId}::uuid FOR UPDATE`;
    const raced = await existingRecord(tx, request.candidateId);
    if (raced) return { record: raced, alreadyErased: true };
    const rows = await eraseRows(tx, data, identifiers, certifiedHolder);
    const record: ErasureRecord = {
      candidateId: request.candidateId, erasedAt: new Date().toISOString(), by: request.by, reason: request.reason, certifiedHolder, journeysEnded,
      ...rows, filesRemoved: 0, mailboxCopiesRemoved: 0, kept: keptItems(certifiedHolder, data.keys.juryIds.length > 0 && data.tables.ProcesVerbal!.length > 0), fileHashes,
    };
    await tx.auditEvent.create({ data: { candidateId: request.candidateId, actor: request.by, action: ERASED_ACTION, after: record as unknown as Prisma.InputJsonValue } });
    return { record, alreadyErased: false };
  }, { timeout: 60_000, maxWait: 30_000 });
  if (outcome.alreadyErased) return outcome;
  const record = outcome.record;
  record.filesRemoved = await removeUnreferencedBlobs(deps, fileHashes);
  record.mailboxCopiesRemoved = deps.mailboxDir ? await removeMailboxCopies(deps.mailboxDir, identifiers) : 0;
  await db.auditEvent.updateMany({ where: { candidateId: request.candidateId, action: ERASED_ACTION }, data: { after: record as unknown as Prisma.InputJsonValue } });
  return { record, alreadyErased: false };
}

/** What stays, and why, in the person's own terms. */
function keptItems(certifiedHolder: boolean, hasProcesVerbal: boolean): KeptItem[] {
  const kept: KeptItem[] = [];
  if (certifiedHolder) {
    kept.push({
      what: 'award_record',
      fr: 'Le relevé d’attribution de la certification (nom, certification, décision et composition du jury, identité et déclaration CPF) : le certificateur doit pouvoir attester l’attribution et la déclarer à la Caisse des Dépôts.',
      en: 'The award record (name, certification, the jury\'s decision and members, CPF identity and declaration): the certifier must be able to attest the award and declare it to the Caisse des Dépôts.',
    });
  }
  if (hasProcesVerbal) {
    kept.push({ what: 'proces_verbal', fr: 'Le procès-verbal du jury de certification, archive officielle de la session.', en: 'The certification jury\'s procès-verbal, the official record of the session.' });
  }
  kept.push({
    what: 'anonymous_records',
    fr: 'Des enregistrements sans identité (admission comptée dans les quotas de la promotion, résultats, journal d’audit sans données personnelles).',
    en: 'Records without identity (the admission counted in the cohort\'s quotas, results, the audit trail without personal data).',
  });
  return kept;
}

/** The record of an erasure already done (in or out of the erasure's transaction). */
export async function existingRecord(db: Pick<Prisma.TransactionClient, 'auditEvent'>, candidateId: string): Promise<ErasureRecord | undefined> {
  const row = await db.auditEvent.findFirst({ where: { candidateId, action: ERASED_ACTION }, orderBy: { id: 'asc' } });
  return row ? (row.after as unknown as ErasureRecord) : undefined;
}

/** Bytes are kept once per content: removed when no other file row (another person's same file) uses them. */
async function removeUnreferencedBlobs(deps: ErasureDeps, hashes: string[]): Promise<number> {
  let removed = 0;
  for (const sha256 of hashes) {
    if ((await deps.db.storedFile.count({ where: { sha256 } })) > 0) continue;
    if (await deps.blobs.has(sha256)) removed++;
    await deps.blobs.remove(sha256);
  }
  return removed;
}

async function removeLeftBytes(deps: ErasureDeps, record: ErasureRecord): Promise<ErasureRecord> {
  await removeUnreferencedBlobs(deps, record.fileHashes ?? []);
  return record;
}
