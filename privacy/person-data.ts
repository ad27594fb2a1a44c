// Everything Jalon holds about one candidate, table by table (the names of PostgreSQL's tables), for the
// export and the erasure. Secrets are left out of what is read: token and session hashes, sealed tokens.
// Rows about the candidate but addressed to other people (a jury member's email about them) are kept
// with the other person's address removed.
import type { Database } from '../platform/database';

export type Row = Record<string, unknown>;

export interface PersonKeys {
  candidateId: string;
  email: string;
  ownerRef: string;
  journeyIds: string[];
  juryIds: string[];
}

export interface PersonData {
  keys: PersonKeys;
  tables: Record<string, Row[]>;
}

export class PersonNotFound extends Error {
  override name = 'PersonNotFound';
}

const NO_SECRET = { tokenHash: true } as const;

/** The identifiers that find the person's rows across tables. */
export async function personKeys(db: Database, candidateId: string): Promise<PersonKeys> {
  const candidate = await db.candidate.findUnique({ where: { id: candidateId }, select: { id: true, email: true } });
  if (!candidate) throw new PersonNotFound(`No candidate ${candidateId}`);
  const [views, audits, juries] = await Promise.all([
    db.journeyView.findMany({ where: { candidateId }, select: { journeyId: true } }),
    db.auditEvent.findMany({ where: { candidateId, journeyId: { not: null } }, select: { journeyId: true }, distinct: ['journeyId'] }),
    db.jury.findMany({ where: { candidateId }, select: { id: true } }),
  ]);
  const journeyIds = [...new Set([...views.map((v) => v.journeyId), ...audits.map((a) => a.journeyId!)])];
  return { candidateId, email: candidate.email, ownerRef: `candidate:${candidateId}`, journeyIds, juryIds: juries.map((j) => j.id) };
}

/** Rows whose JSON column mentions the candidate (by id or address), for tables that key by neither. */
async function idsMentioning(db: Database, table: 'AuditEvent' | 'IdempotentRequest' | 'OutboxEmail', column: string, keys: PersonKeys): Promise<string[]> {
  const id = table === 'IdempotentRequest' ? '"key"' : '"id"::text';
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT ${id} AS id FROM "${table}" WHERE "${column}"::text LIKE '%' || $1 || '%' OR lower("${column}"::text) LIKE '%' || lower($2) || '%'`,
    keys.candidateId, keys.email,
  );
  return rows.map((r) => r.id);
}

/** Every row about the person, by table. */
export async function collectPersonData(db: Database, candidateId: string): Promise<PersonData> {
  const keys = await personKeys(db, candidateId);
  const { ownerRef, journeyIds, juryIds, email } = keys;
  const byCandidate = { where: { candidateId } };
  const auditIds = (await idsMentioning(db, 'AuditEvent', 'after', keys)).map(BigInt);
  const outboxIds = await idsMentioning(db, 'OutboxEmail', 'payload', keys);
  const idempotentKeys = await idsMentioning(db, 'IdempotentRequest', 'responseBody', keys);
  const tables: Record<string, Row[]> = {
    Candidate: await db.candidate.findMany({ where: { id: candidateId } }),
    Application: await db.application.findMany({ where: { OR: [{ candidateId }, { email }] }, omit: { confirmTokenHash: true } }),
    CandidateImportRow: await db.candidateImportRow.findMany(byCandidate),
    DossierPiece: await db.dossierPiece.findMany(byCandidate),
    DossierPieceVersion: await db.dossierPieceVersion.findMany(byCandidate),
    StoredFile: await db.storedFile.findMany({ where: { OR: [{ ownerRef }, ...juryIds.map((id) => ({ ownerRef: `jury:${id}` }))] } }),
    EligibilityResult: await db.eligibilityResult.findMany(byCandidate),
    Admission: await db.admission.findMany(byCandidate),
    QuotaReserve: await db.quotaReserve.findMany(byCandidate),
    AssessmentResult: await db.assessmentResult.findMany(byCandidate),
    InternshipPeriod: await db.internshipPeriod.findMany(byCandidate),
    Thesis: await db.thesis.findMany(byCandidate),
    FollowUpAnswer: await db.followUpAnswer.findMany(byCandidate),
    Jury: await db.jury.findMany(byCandidate),
    // The members' names and qualities, as the procès-verbal shows them; their addresses are theirs.
    JuryMember: await db.juryMember.findMany({ where: { juryId: { in: juryIds } }, omit: { email: true } }),
    JuryDecision: await db.juryDecision.findMany({ where: { juryId: { in: juryIds } } }),
    ProcesVerbal: await db.procesVerbal.findMany({ where: { juryId: { in: juryIds } }, select: { id: true, juryId: true, language: true, sha256: true, generatedAt: true } }),
    CpfIdentity: await db.cpfIdentity.findMany(byCandidate),
    CpfDeclarationLine: await db.cpfDeclarationLine.findMany(byCandidate),
    JourneyView: await db.journeyView.findMany({ where: { OR: [{ candidateId }, { journeyId: { in: journeyIds } }] } }),
    JourneyNote: await db.journeyNote.findMany({ where: { journeyId: { in: journeyIds } } }),
    AuditEvent: await db.auditEvent.findMany({ where: { OR: [{ candidateId }, { journeyId: { in: journeyIds } }, { id: { in: auditIds } }] }, orderBy: { id: 'asc' } }),
    OutboxEmail: await outboxOf(db, keys, outboxIds),
    ActionToken: await actionTokensOf(db, keys),
    CandidateSignInLink: await db.candidateSignInLink.findMany({ ...byCandidate, omit: NO_SECRET }),
    CandidateSession: await db.candidateSession.findMany({ ...byCandidate, omit: NO_SECRET }),
    PersonalDataExport: await db.personalDataExport.findMany({ ...byCandidate, omit: NO_SECRET }),
    IdempotentRequest: await db.idempotentRequest.findMany({ where: { key: { in: idempotentKeys } } }),
    RateLimitWindow: await db.rateLimitWindow.findMany({ where: { key: { contains: email, mode: 'insensitive' } } }),
  };
  return { keys, tables };
}

/** The emails: to the person, about their journey, or naming them; another recipient's address is removed. */
async function outboxOf(db: Database, keys: PersonKeys, mentioning: string[]): Promise<Row[]> {
  const rows = await db.outboxEmail.findMany({
    where: { OR: [{ recipientRef: keys.ownerRef }, { recipient: { equals: keys.email, mode: 'insensitive' } }, { journeyId: { in: keys.journeyIds } }, { id: { in: mentioning } }] },
    omit: { sealedToken: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => (isTheirs(r, keys) ? r : { ...r, recipient: r.recipientRef ?? 'another person' }));
}

async function actionTokensOf(db: Database, keys: PersonKeys): Promise<Row[]> {
  const rows = await db.actionToken.findMany({
    where: { OR: [{ recipientRef: keys.ownerRef }, { journeyId: { in: keys.journeyIds } }, { recipientEmail: { equals: keys.email, mode: 'insensitive' } }] },
    omit: NO_SECRET,
  });
  return rows.map((r) => (r.recipientRef === keys.ownerRef || r.recipientEmail.toLowerCase() === keys.email.toLowerCase() ? r : { ...r, recipientEmail: r.recipientRef ?? 'another person' }));
}

const isTheirs = (r: { recipientRef: string | null; recipient: string }, keys: PersonKeys) =>
  r.recipientRef === keys.ownerRef || r.recipient.toLowerCase() === keys.email.toLowerCase();
