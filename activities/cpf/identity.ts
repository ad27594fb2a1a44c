// A certified holder's identity for the CPF declaration, kept the same way whoever enters it: staff
// through the API, or the holder in their candidate space. Only a certified holder has one.
import { birthDateFault, cpfIdentityAskedByMs, identityProblems, type BirthDateFault, type CpfIdentity, type IsoDate } from '../../domain/index';
import { identityInput } from './awards';
import type { Database } from '../../platform/database';

/** The holder's award (a certification jury that awarded), or undefined: only holders are declared. */
export async function holderAwardOf(db: Database, candidateId: string): Promise<{ juryId: string; awardedAt: Date } | undefined> {
  const jury = await db.jury.findFirst({ where: { candidateId, kind: 'certification', outcome: 'awarded', closedAt: { not: null } }, select: { id: true, closedAt: true }, orderBy: { closedAt: 'asc' } });
  return jury ? { juryId: jury.id, awardedAt: jury.closedAt! } : undefined;
}

/** The calendar date in Paris at that instant (the day a person reading the form lives in). */
export function parisDate(at: Date): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The domain's plausibility rule for a holder's birth date, today and at their award (API and space alike). */
export function holderBirthDateFault(birthDate: string, award: { awardedAt: Date }, now: Date): BirthDateFault | undefined {
  return birthDateFault(birthDate, { today: parisDate(now), awardedOn: parisDate(award.awardedAt) });
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

/**
 * For the award email: by when a certified holder whose identity is incomplete is asked to give it, or
 * undefined (not a holder, or the identity is complete).
 */
export async function cpfIdentityAsk(db: Database, candidateId: string): Promise<{ askedByMs: number } | undefined> {
  const award = await holderAwardOf(db, candidateId);
  if (!award) return undefined;
  const row = await db.cpfIdentity.findUnique({ where: { candidateId } });
  if (identityProblems(row ? identityInput(row) : undefined).length === 0) return undefined;
  return { askedByMs: cpfIdentityAskedByMs(award.awardedAt.getTime()) };
}
