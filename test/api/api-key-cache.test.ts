// API keys are looked up once and trusted for a short delay: a revoked key (or one of a deactivated staff
// member) stops working once that delay has passed, not later. The clock is the test's: no waiting.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../api/auth/keys';
import { createHarness, type ApiHarness } from './support';

const DELAY_MS = 10_000;
let clock = 1_000_000;
let h: ApiHarness;
let uncached: ApiHarness;

beforeAll(async () => {
  h = await createHarness('key-cache', undefined, { staffApi: { apiKeyCache: { ttlMs: DELAY_MS, now: () => clock } } });
  uncached = await createHarness('key-uncached', undefined, { staffApi: { apiKeyCache: { ttlMs: 0 } } });
});
afterAll(async () => {
  await h?.close();
  await uncached?.close();
});

const listCohorts = (app: ApiHarness['app'], key: string) => request(app).get('/cohorts').set('Authorization', `Bearer ${key}`);
const newKey = async (tag: string) => (await issueApiKey(h.db, { email: `key-cache-${tag}-${clock}@staff.test`, name: 'Key cache', role: 'read_only' })).key;

describe('API key lookups, cached briefly', () => {
  it('honours a revocation within the stated delay', async () => {
    const key = await newKey('revoked');
    expect((await listCohorts(h.app, key)).status).toBe(200);
    await h.db.apiKey.updateMany({ where: { prefix: key.split('_')[1] }, data: { revokedAt: new Date() } });

    clock += DELAY_MS - 1;
    expect((await listCohorts(h.app, key)).status).toBe(200);
    clock += 2;
    const refused = await listCohorts(h.app, key);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/unknown or revoked/);
  });

  it('honours a deactivated staff member within the delay too, and never remembers a refused key', async () => {
    const key = await newKey('deactivated');
    expect((await listCohorts(h.app, key)).status).toBe(200);
    const row = await h.db.apiKey.findFirstOrThrow({ where: { prefix: key.split('_')[1] } });
    await h.db.staffUser.update({ where: { id: row.staffUserId }, data: { deactivatedAt: new Date() } });
    clock += DELAY_MS + 1;
    expect((await listCohorts(h.app, key)).status).toBe(401);
    // Reactivated: the refusal was not remembered, the key works at the next call.
    await h.db.staffUser.update({ where: { id: row.staffUserId }, data: { deactivatedAt: null } });
    expect((await listCohorts(h.app, key)).status).toBe(200);
  });

  it('looks every call up when the delay is 0', async () => {
    const key = await newKey('uncached');
    expect((await listCohorts(uncached.app, key)).status).toBe(200);
    await h.db.apiKey.updateMany({ where: { prefix: key.split('_')[1] }, data: { revokedAt: new Date() } });
    expect((await listCohorts(uncached.app, key)).status).toBe(401);
  });
});
