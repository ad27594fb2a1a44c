// The awards the CPF declaration is about: certification juries closed with the outcome "awarded" (the
// record the statistics count too), each with where its declaration stands and its holder's identity.
import { cpfAwardStatus, type CpfAwardStatus, type Route } from '../../domain/index';
import type { Database } from '../../platform/database';

/** The database, or a transaction over it. */
export type AwardsDb = Pick<Database, 'jury' | 'cpfDeclarationLine' | 'cpfIdentity'>;

export interface CpfAward {
  juryId: string;
  candidateId: string;
  name: string;
  route: Route;
  referentialCode: string;
  awardedAt: Date;
  status: CpfAwardStatus;
  identity: unknown;
}

/** Awards (all, or those of the given juries), oldest first, with their declaration status. */
export async function loadAwards(db: AwardsDb, juryIds?: string[]): Promise<CpfAward[]> {
  const juries = await db.jury.findMany({
    where: { kind: 'certification', outcome: 'awarded', closedAt: { not: null }, ...(juryIds ? { id: { in: juryIds } } : {}) },
    include: { candidate: { include: { cohort: { select: { referentialCode: true } } } } },
    orderBy: [{ closedAt: 'asc' }, { id: 'asc' }],
  });
  const ids = juries.map((j) => j.id);
  const candidateIds = juries.map((j) => j.candidateId);
  const [lines, identities] = await Promise.all([
    db.cpfDeclarationLine.findMany({ where: { juryId: { in: ids } }, select: { juryId: true, status: true } }),
    db.cpfIdentity.findMany({ where: { candidateId: { in: candidateIds } } }),
  ]);
  return juries.map((j) => {
    const identity = identities.find((i) => i.candidateId === j.candidateId);
    return {
      juryId: j.id,
      candidateId: j.candidateId,
      name: `${j.candidate.firstName} ${j.candidate.lastName}`,
      route: j.candidate.route as Route,
      referentialCode: j.candidate.cohort.referentialCode,
      awardedAt: j.closedAt!,
      status: cpfAwardStatus(lines.filter((l) => l.juryId === j.id)),
      identity: identity ? identityInput(identity) : undefined,
    };
  });
}

/** The stored row back in the shape staff entered (and the schema reads). */
export function identityInput(row: {
  birthName: string; usageName: string | null; firstNames: string[]; birthDate: Date; sex: string; bornIn: string;
  birthCommuneInsee: string | null; birthPostalCode: string | null; birthCommuneName: string | null; birthCountryCode: string | null; birthCountryName: string | null;
}) {
  return {
    birthName: row.birthName, usageName: row.usageName, firstNames: row.firstNames, birthDate: row.birthDate.toISOString().slice(0, 10), sex: row.sex, bornIn: row.bornIn,
    birthCommuneInsee: row.birthCommuneInsee, birthPostalCode: row.birthPostalCode, birthCommuneName: row.birthCommuneName,
    birthCountryCode: row.birthCountryCode, birthCountryName: row.birthCountryName,
  };
}

/** Where one award's declaration stands (the deadline workflow asks before each reminder). */
export async function awardDeclarationStatus(db: Database, juryId: string): Promise<CpfAwardStatus> {
  return cpfAwardStatus(await db.cpfDeclarationLine.findMany({ where: { juryId }, select: { status: true } }));
}
