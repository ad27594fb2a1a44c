// Records the mail tests need: a cohort, a candidate, a jury with its members. Unique per call, so
// test files can run in parallel on the shared database and twice in a row.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/database';

export async function createCandidate(db: Database, overrides: { language?: string; firstName?: string; lastName?: string } = {}) {
  const suffix = randomUUID().slice(0, 8);
  const cohort = await db.cohort.create({
    data: { code: `mail-${suffix}`, referentialCode: 'RNCP37332', label: 'Promotion test', startsOn: new Date('2027-09-01') },
  });
  const candidate = await db.candidate.create({
    data: {
      cohortId: cohort.id,
      firstName: overrides.firstName ?? 'Léa',
      lastName: overrides.lastName ?? `Martin-${suffix}`,
      email: `lea.${suffix}@candidats.test`,
      route: 'student',
      language: overrides.language ?? 'fr',
    },
  });
  return { cohort, candidate, journeyId: `journey:RNCP37332:${candidate.id}` };
}

export async function createJury(db: Database, candidateId: string, kind = 'certification') {
  const suffix = randomUUID().slice(0, 8);
  const jury = await db.jury.create({ data: { candidateId, kind } });
  const members = await Promise.all(
    ['school', 'external', 'external'].map((memberKind, i) =>
      db.juryMember.create({
        data: { juryId: jury.id, personRef: `person-${suffix}-${i}`, name: `Membre ${i + 1} ${suffix}`, email: `jury${i}.${suffix}@jury.test`, kind: memberKind },
      }),
    ),
  );
  return { jury, members };
}

export const mailConfig = (publicBaseUrl = 'http://jalon.test') => ({
  mailFrom: 'Jalon <no-reply@jalon.test>',
  admissionsEmail: `admissions.${randomUUID().slice(0, 8)}@jalon.test`,
  publicBaseUrl,
});

/** The action link in a message's text part. */
export function linkIn(text: string): string {
  const match = /(https?:\/\/\S+\/a\/[A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no action link in:\n${text}`);
  return match[1]!;
}
