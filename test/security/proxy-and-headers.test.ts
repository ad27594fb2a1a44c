// Security probe items 5 and 8 (headers): TRUST_PROXY read as an operator means it, and the headers
// every API response carries.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { ConfigError, loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { auth, createHarness, type ApiHarness } from '../api/support';

let h: ApiHarness;
beforeAll(async () => (h = await createHarness('security-proxy')));
afterAll(() => h?.close());

const appWith = (extra: Partial<Parameters<typeof createApp>[0]>) =>
  createApp({
    db: h.db, temporal: h.client, log: createLogger({}, 'error', () => undefined), readiness: {},
    config: { taskQueue: h.taskQueue, publicBaseUrl: 'http://localhost' },
    actionLinks: { csrfSecret: 'z'.repeat(32), perAddress: { max: 2, windowMs: 600_000 } },
    ...extra,
  });

const junk = (i: number) => `/a/${String(i).padStart(43, 'q')}`;

describe('#5 TRUST_PROXY', () => {
  it('reads true/false, a number of hops, or a list of proxies', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,loopback, ::1' }).TRUST_PROXY).toEqual(['10.0.0.1', '192.168.0.0/16', 'loopback', '::1']);
  });

  it('refuses what it cannot read, naming the variable', () => {
    for (const bad of ['banana', '10.0.0.300', '10.0.0.0/40', 'loopback,nope']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it('with one hop, each client behind the proxy is counted on its own address', async () => {
    const app = appWith({ trustProxy: loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY });
    for (let i = 0; i < 3; i++) await request(app).get(junk(i)).set('X-Forwarded-For', '203.0.113.7');
    expect((await request(app).get(junk(9)).set('X-Forwarded-For', '203.0.113.7')).status).toBe(429);
    // Another client through the same proxy is not refused for the first one's junk.
    expect((await request(app).get(junk(9)).set('X-Forwarded-For', '198.51.100.4')).status).toBe(404);
  });

  it('with true, the app starts and serves (it used to stop on "invalid IP address")', async () => {
    const app = appWith({ trustProxy: loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY });
    expect((await request(app).get('/health').set('X-Forwarded-For', '203.0.113.7')).status).toBe(200);
  });
});

describe('#8 response headers', () => {
  it('API responses with personal data are not cached nor sniffed', async () => {
    const res = await request(h.app).get('/candidates').set(auth(h, 'read_only'));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const refused = await request(h.app).get('/candidates');
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends HSTS only when the public address is https', async () => {
    expect((await request(h.app).get('/health')).headers['strict-transport-security']).toBeUndefined();
    const https = appWith({ config: { taskQueue: h.taskQueue, publicBaseUrl: 'https://jalon.example.org' } });
    expect((await request(https).get('/health')).headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});
