// A certified holder's identity for the CPF declaration, kept the same way whoever enters it: staff
// through the API, or the holder in their candidate space. Only a certified holder has one.
import type { CpfIdentity } from '../../domain/index';
import type { Database } from '../../platform/database';

/** The holder's award (a certification jury that awarded), or undefined: only holders are declared. */
export async function holderAwardOf(db: Database, candidateId: string): Promise<{ juryId: string } | undefined> {
  const jury = await db.jury.findFirst({ where: { candidateId, kind: 'certification', outcome: 'awarded', closedAt: { not: null } }, select: { id: true }, orderBy: { closedAt: 'asc' } });
  return jury ? { juryId: jury.id } : undefined;
}

/** The row's columns for an identity the schema of domain/cpf-identity.ts gave. */
export function recordOf(identity: CpfIdentity) {
  return {
    birthName: identity.birthName, usageName: identity.usageName ?? null, firstNames: identity.firstNames, birthDate: new Date(`${identity.birthDate}T00:00:00Z`),
    sex: identity.sex, bornIn: identity.bornIn, birthCommuneInsee: identity.birthCommuneInsee ?? null, birthPostalCode: identity.birthPostalCode ?? null,
    birthCommuneName: identity.birthCommuneName ?? null, birthCountryCode: identity.birthCountryCode ?? null, birthCountryName: identity.birthCountryName ?? null,
  };
}

/** Records (or corrects) the identity; `recordedBy` says who. */
export async function saveCpfIdentity(db: Database, candidateId: string, identity: CpfIdentity, recordedBy: string) {
  const data = { ...recordOf(identity), recordedBy, updatedAt: new Date() };
  return db.cpfIdentity.upsert({ where: { candidateId }, create: { candidateId, ...data }, update: data });
}
