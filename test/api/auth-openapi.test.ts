// Every route: documented in /openapi.json (which validates), refused without a key, refused for each
// role it does not admit; refusals are audited and change nothing.
import SwaggerParser from '@apidevtools/swagger-parser';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleAllowed } from '../../api/auth/roles';
import { openApiPath } from '../../api/openapi/document';
import { staffApiRouters } from '../../api/routes/staff-api';
import { auth, createHarness, type ApiHarness } from './support';

let h: ApiHarness;
// One anonymous call per route from one address: more failed authentications than the default limit allows.
beforeAll(async () => (h = await createHarness('auth', undefined, { failedAuth: { max: 1000, windowMs: 600_000 } })));
afterAll(() => h?.close());

interface Layer { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } }
function mountedRoutes(stack: Layer[]): { method: string; path: string }[] {
  return stack.flatMap((layer) => {
    if (layer.route) return Object.keys(layer.route.methods).filter((m) => m !== '_all').map((method) => ({ method, path: layer.route!.path }));
    return layer.handle?.stack ? mountedRoutes(layer.handle.stack) : [];
  });
}

const routes = () => staffApiRouters({ db: h.db, temporal: h.client, config: { taskQueue: 'x', publicBaseUrl: 'http://localhost' }, readiness: {}, log: console as never }).registry.routes;
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, () => randomUUID());

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const res = await request(h.app).get('/openapi.json');
    expect(res.status).toBe(200);
    const api = await SwaggerParser.validate(structuredClone(res.body));
    expect(api.info.title).toBe('Jalon staff API');
  });

  it('documents every mounted staff route with its method', async () => {
    const doc = (await request(h.app).get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const mounted = mountedRoutes((h.app as unknown as { router: { stack: Layer[] } }).router.stack)
      // Not the staff API: probes, the HTML action-link pages (token in the URL) and the console's pages.
      .filter((r) => !['/health', '/ready', '/openapi.json'].includes(r.path) && !r.path.startsWith('/a/') && !r.path.startsWith('/console'));
    expect(mounted.length).toBeGreaterThan(25);
    for (const r of mounted) expect(doc.paths[openApiPath(r.path)]?.[r.method], `${r.method} ${r.path}`).toBeDefined();
  });
});

describe('authentication and roles', () => {
  it('refuses every route without a key or with an unknown key (401), and audits it', async () => {
    for (const r of routes()) {
      const before = await h.db.auditEvent.count({ where: { action: 'api.refused' } });
      const res = await request(h.app)[r.method](concrete(r.path));
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(await h.db.auditEvent.count({ where: { action: 'api.refused' } })).toBeGreaterThan(before);
    }
    const bad = await request(h.app).get('/cohorts').set('Authorization', `Bearer jalon_00000000_${'A'.repeat(43)}`);
    expect(bad.status).toBe(401);
    expect(bad.body.title).toBe('Invalid API key');
  });

  it('refuses each role a route does not admit (403), audited, with nothing changed', async () => {
    let refusals = 0;
    for (const r of routes()) {
      for (const role of ROLES.filter((x) => !roleAllowed(x, r.roles))) {
        // Other test files write to the same database at the same time: count only this caller's effects.
        const effects = () => h.db.auditEvent.count({ where: { actor: `staff:${h.staffIds[role]}`, NOT: { action: 'api.refused' } } });
        const effectsBefore = await effects();
        const res = await request(h.app)[r.method](concrete(r.path)).set(auth(h, role)).send({});
        expect(res.status, `${role} ${r.method} ${r.path}`).toBe(403);
        const event = await h.db.auditEvent.findFirst({ where: { actor: `staff:${h.staffIds[role]}`, action: 'api.refused' }, orderBy: { id: 'desc' } });
        expect(event?.after).toMatchObject({ route: r.path, status: 403, reason: 'role_not_allowed', role });
        expect(await effects()).toBe(effectsBefore);
        refusals++;
      }
    }
    // read_only is refused every mutating route; admissions is refused jury composition.
    expect(refusals).toBeGreaterThan(15);
  });

  it('never stores the key itself', async () => {
    const stored = await h.db.apiKey.findMany({ where: { staffUserId: h.staffIds.admin } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.keyHash).not.toContain(h.keys.admin.split('_')[2]!);
    expect(stored[0]!.keyHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
