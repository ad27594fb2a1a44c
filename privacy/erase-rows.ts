// The database side of an erasure, in one transaction: rows only about the person are deleted, rows other
// records need (the cohort's quotas, the jury, statistics) lose what identifies the person, and what the
// law requires of a certified holder stays (the award: name, jury, decisions, CPF identity and declaration).
import { Prisma } from '../platform/database';
import type { PersonData } from './person-data';

export const ERASED_FIRST_NAME = '(effacé)';
export const ERASED_LAST_NAME = '(erased)';
export const erasedEmail = (candidateId: string) => `erased+${candidateId}@erased.invalid`;

type Tx = Prisma.TransactionClient;

export interface RowsErased {
  removed: Record<string, number>;
  anonymised: Record<string, number>;
}

const idsOf = (rows: Record<string, unknown>[], key = 'id') => rows.map((r) => r[key] as string);

/** Runs inside `tx`; `identifiers` are the person's address, name and phone as they were. */
export async function eraseRows(tx: Tx, data: PersonData, identifiers: string[], certifiedHolder: boolean): Promise<RowsErased> {
  const { candidateId, juryIds } = data.keys;
  const t = data.tables;
  const removed: Record<string, number> = {};
  const anonymised: Record<string, number> = {};
  const count = (into: Record<string, number>, table: string) => (r: { count: number }) => void (into[table] = r.count);
  const byCandidate = { where: { candidateId } };

  await tx.application.deleteMany({ where: { id: { in: idsOf(t.Application!) } } }).then(count(removed, 'Application'));
  await tx.dossierPieceVersion.deleteMany(byCandidate).then(count(removed, 'DossierPieceVersion'));
  await tx.dossierPiece.deleteMany(byCandidate).then(count(removed, 'DossierPiece'));
  await tx.storedFile.deleteMany({ where: { ownerRef: data.keys.ownerRef } }).then(count(removed, 'StoredFile'));
  await tx.internshipPeriod.deleteMany(byCandidate).then(count(removed, 'InternshipPeriod'));
  await tx.journeyNote.deleteMany({ where: { journeyId: { in: data.keys.journeyIds } } }).then(count(removed, 'JourneyNote'));
  await tx.actionToken.deleteMany({ where: { id: { in: idsOf(t.ActionToken!) } } }).then(count(removed, 'ActionToken'));
  await tx.candidateSignInLink.deleteMany(byCandidate).then(count(removed, 'CandidateSignInLink'));
  await tx.candidateSession.deleteMany(byCandidate).then(count(removed, 'CandidateSession'));
  await tx.personalDataExport.deleteMany(byCandidate).then(count(removed, 'PersonalDataExport'));
  await tx.rateLimitWindow.deleteMany({ where: { key: { in: idsOf(t.RateLimitWindow!, 'key') } } }).then(count(removed, 'RateLimitWindow'));
  // Replies kept for Idempotency-Key replays that carry the person (a created candidate's record).
  await tx.idempotentRequest.deleteMany({ where: { key: { in: [...idsOf(t.IdempotentRequest!, 'key'), ...(await keysMentioning(tx, 'IdempotentRequest', 'key', ['responseBody'], identifiers))] } } })
    .then(count(removed, 'IdempotentRequest'));
  if (!certifiedHolder) {
    await tx.cpfIdentity.deleteMany(byCandidate).then(count(removed, 'CpfIdentity'));
    await tx.juryDecision.updateMany({ where: { juryId: { in: juryIds }, comment: { not: null } }, data: { comment: null } }).then(count(anonymised, 'JuryDecision'));
  }

  await tx.candidate.update({
    where: { id: candidateId },
    data: {
      ...(certifiedHolder ? {} : { firstName: ERASED_FIRST_NAME, lastName: ERASED_LAST_NAME }),
      email: erasedEmail(candidateId), phone: null, externalRef: null, declaredProfile: {}, accommodations: {}, erasedAt: new Date(),
    },
  });
  anonymised.Candidate = 1;
  await tx.candidateImportRow.updateMany({ where: { candidateId }, data: { externalRef: null } }).then(count(anonymised, 'CandidateImportRow'));
  await tx.thesis.updateMany({ where: { candidateId, title: { not: null } }, data: { title: null } }).then(count(anonymised, 'Thesis'));
  // The emails stay counted (sent, failed) without their words or address; those to other people that
  // name the person (a jury member's digest lists the candidates) lose their words too.
  const naming = await keysMentioning(tx, 'OutboxEmail', 'id', ['payload'], identifiers);
  const emails = await tx.outboxEmail.updateMany({ where: { id: { in: idsOf(t.OutboxEmail!) } }, data: { recipient: 'erased', payload: { erased: true }, sealedToken: null, lastError: null } });
  const others = await tx.outboxEmail.updateMany({ where: { id: { in: naming }, NOT: { recipient: 'erased' } }, data: { payload: { erased: true }, sealedToken: null } });
  anonymised.OutboxEmail = emails.count + others.count;
  const audits = await keysMentioning(tx, 'AuditEvent', 'id', ['after', 'before'], identifiers);
  await tx.auditEvent.updateMany({ where: { id: { in: audits.map(BigInt) } }, data: { before: Prisma.DbNull, after: { erased: true } } }).then(count(anonymised, 'AuditEvent'));
  return { removed, anonymised };
}

/** Keys of the rows whose JSON column(s) mention any identifier (case-insensitive). */
async function keysMentioning(tx: Tx, table: string, key: string, cols: string[], identifiers: string[]): Promise<string[]> {
  const needles = identifiers.filter((i) => i.length >= 3).map((i) => i.toLowerCase());
  if (needles.length === 0) return [];
  const where = cols.flatMap((c) => needles.map((_, n) => `position($${n + 1} in lower(coalesce("${c}"::text, ''))) > 0`)).join(' OR ');
  const rows = await tx.$queryRawUnsafe<{ k: string }[]>(`SELECT "${key}"::text AS k FROM "${table}" WHERE ${where}`, ...needles);
  return rows.map((r) => r.k);
}
