// The award email as the holder receives it (queued by the real mail activities, delivered over SMTP to
// the sink, read from the mailbox): while their identity for the CPF declaration is incomplete, it says
// that the school declares the certification to the Caisse des Dépôts (Mon Compte Formation), what to
// give, by when (the deadline less its margin), and carries their personal space link; once the identity
// is complete, or without an award, it does not.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { saveCpfIdentity } from '../../activities/cpf/identity';
import { createMailActivities } from '../../activities/mail';
import type { EmailRequest } from '../../activities/notification-types';
import { formatDateTime } from '../../activities/wording/catalogue';
import { cpfIdentityAskedByMs, cpfIdentitySchema } from '../../domain/index';
import { createDatabase, type Database } from '../../platform/database';
import { createMailer } from '../../platform/mailer';
import { waitForMessages } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import { createCandidate, mailConfig } from './fixtures';

const stack = inject('stack');
let db: Database;
let mail: ReturnType<typeof createMailActivities>;
const awardedAt = new Date('2026-10-02T14:00:00Z');

beforeAll(async () => {
  db = createDatabase(stack.databaseUrl);
  mail = createMailActivities({ db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(), config: mailConfig('http://jalon.test') });
});
afterAll(async () => {
  await db?.$disconnect();
});

const outcome = (o: 'awarded' | 'not_awarded'): EmailRequest => ({ template: 'certification_outcome', data: { outcome: o, deferredBlocks: [], award: 'title', blocks: [] } });

/** A candidate whose certification jury closed with this outcome; their outcome email as received. */
async function received(o: 'awarded' | 'not_awarded', language: 'fr' | 'en', withIdentity = false) {
  const c = await createCandidate(db, { language });
  await db.jury.create({ data: { candidateId: c.candidate.id, kind: 'certification', status: 'closed', outcome: o, closedAt: awardedAt, deliberation: '{}' } });
  if (withIdentity) await saveCpfIdentity(db, c.candidate.id, cpfIdentitySchema.parse({ birthName: 'Martin', firstNames: ['Léa'], birthDate: '1994-03-21', sex: 'F', bornIn: 'france', birthCommuneInsee: '75056' }), 'staff:test');
  const { outboxId } = await mail.queueEmail({ journeyId: c.journeyId, purpose: `certification-outcome:${randomUUID()}`, to: { kind: 'candidate', candidateId: c.candidate.id }, ...outcome(o) });
  await mail.deliverEmail(outboxId);
  const [message] = await waitForMessages(stack.mailboxUrl, c.candidate.email, 1);
  expectNoCodes(message!.subject, message!.text);
  return { ...c, message: message! };
}

describe('the award email and the CPF declaration', () => {
  it('asks a holder without an identity for it: the Caisse des Dépôts, what to give, by when, their space link (French, English beside)', async () => {
    const { candidate, message } = await received('awarded', 'fr');
    expect(message.subject).toBe('Décision du jury de certification : attribuée');
    const by = formatDateTime(cpfIdentityAskedByMs(awardedAt.getTime()), 'fr');
    expect(by).toContain('3 décembre 2026');
    expect(message.text).toContain('Nous déclarons votre certification à la Caisse des Dépôts : elle apparaîtra ensuite dans votre compte personnel de formation (Mon Compte Formation).');
    expect(message.text).toContain(`dans votre espace candidat avant le ${by} : nom de naissance, prénoms, date de naissance, sexe et lieu de naissance`);
    // The English version beside it says the same.
    expect(message.text).toContain('We declare your certification to the Caisse des Dépôts');
    expect(message.text).toContain(`before ${formatDateTime(cpfIdentityAskedByMs(awardedAt.getTime()), 'en')}`);
    // The personal link into the space, good for this holder only.
    const link = /Donner mon identité dans mon espace (\S+\/space\/sign-in\/([A-Za-z0-9_-]{43}))/.exec(message.text);
    expect(link, message.text).not.toBeNull();
    expect(link![1]!.startsWith('http://jalon.test/space/sign-in/')).toBe(true);
    const stored = await db.candidateSignInLink.findFirstOrThrow({ where: { candidateId: candidate.id } });
    expect(stored.tokenHash).toBe(createHash('sha256').update(link![2]!).digest('hex'));
  });

  it('writes it in English first to an English-speaking holder', async () => {
    const { message } = await received('awarded', 'en');
    expect(message.subject).toBe('Certification jury decision: awarded');
    expect(message.text.indexOf('We declare your certification to the Caisse des Dépôts')).toBeLessThan(message.text.indexOf('Nous déclarons votre certification'));
    expect(message.text).toMatch(/Give my identity in my space \S+\/space\/sign-in\/[A-Za-z0-9_-]{43}/);
  });

  it('says nothing of it once the identity is complete, nor without an award', async () => {
    for (const { message } of [await received('awarded', 'fr', true), await received('not_awarded', 'fr')]) {
      expect(message.text).not.toContain('Caisse des Dépôts');
      expect(message.text).not.toContain('/space/sign-in/');
    }
  });
});
