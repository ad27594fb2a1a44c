// Security probe item 7: a database backup yields no working link. The queued message holds a placeholder
// and the token sealed under the link secret; the real link exists only in the email as sent (and the
// mail archive of the embedded sink is private to the user, see test/integration/start.test.ts).
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailActivities } from '../../activities/mail';
import { TOKEN_PLACEHOLDER } from '../../activities/mail/action-tokens';
import { createApp } from '../../api/app';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { waitForMessages } from '../support/mailbox';
import { createCandidate, linkIn, mailConfig } from '../mail/fixtures';

const stack = inject('stack');
let db: Database;
let client: Client;
const secret = randomUUID() + randomUUID();
const activities = (linkSecret: string) => createMailActivities({ db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(), config: { ...mailConfig(), linkSecret } });

beforeAll(async () => {
  db = createDatabase(stack.databaseUrl);
  client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
});
afterAll(async () => {
  await client?.connection.close();
  await db?.$disconnect();
});

async function queueThesisRequest(mail: ReturnType<typeof activities>) {
  const { candidate, journeyId } = await createCandidate(db);
  const queued = await mail.queueEmail({
    journeyId, purpose: `thesis-${randomUUID()}`, template: 'follow_up_survey_request', data: { wave: 6, dueAtMs: Date.now() + 86_400_000 }, to: { kind: 'candidate', candidateId: candidate.id },
    action: { action: 'thesis_submission', expiresAtMs: Date.now() + 86_400_000 },
  });
  return { candidate, journeyId, ...queued };
}

describe('#7 working links are not stored', () => {
  it('keeps a placeholder in the queued message and the token sealed; the email as sent has the working link', async () => {
    const mail = activities(secret);
    const { candidate, journeyId, outboxId } = await queueThesisRequest(mail);
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } });
    expect((row.payload as { text: string }).text).toContain(`/a/${TOKEN_PLACEHOLDER}`);
    expect(row.sealedToken).toMatch(/^v1\./);

    await mail.deliverEmail(outboxId);
    const [delivered] = await waitForMessages(stack.mailboxUrl, candidate.email, 1);
    const link = linkIn(delivered!.text);
    const token = link.split('/a/')[1]!;
    expect(delivered!.text).not.toContain(TOKEN_PLACEHOLDER);

    // Nothing of what the database holds for this journey, any table, contains the token.
    const everything = JSON.stringify({
      outbox: await db.outboxEmail.findMany({ where: { journeyId } }),
      tokens: await db.actionToken.findMany({ where: { journeyId } }),
      audit: await db.auditEvent.findMany({ where: { journeyId } }),
    }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    expect(everything).not.toContain(token);

    // And the link works.
    const app = createApp({ db, temporal: client, log: createLogger({}, 'error', () => undefined), readiness: {}, config: { taskQueue: 'none', publicBaseUrl: 'http://jalon.test' }, actionLinks: { csrfSecret: secret } });
    expect((await request(app).get(new URL(link).pathname)).status).toBe(200);
  });

  it('a link still showing the placeholder opens nothing', async () => {
    const app = createApp({ db, temporal: client, log: createLogger({}, 'error', () => undefined), readiness: {}, config: { taskQueue: 'none', publicBaseUrl: 'http://jalon.test' }, actionLinks: { csrfSecret: secret } });
    expect((await request(app).get(`/a/${TOKEN_PLACEHOLDER}`)).status).toBe(404);
  });

  it('a sealed token is opened only with the same secret: another one fails the delivery with a reason, sends nothing', async () => {
    const { candidate, outboxId } = await queueThesisRequest(activities(secret));
    await expect(activities('another secret, 32 characters or more').deliverEmail(outboxId)).rejects.toMatchObject({ type: 'ActionLinkUnsealable', nonRetryable: true });
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } });
    expect(row).toMatchObject({ status: 'failed', lastError: expect.stringContaining('ACTION_LINK_SECRET') });
    expect(await waitForMessages(stack.mailboxUrl, candidate.email, 0)).toHaveLength(0);
  });
});
