// The console's built page and files as the app serves them at /console: the page for every address
// under /console (the app routes itself), its files, a 404 for a missing file, and the page's headers.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { CONSOLE_DIST, consoleRouter } from '../../api/console';

const app = express().use(consoleRouter());

describe('console assets', () => {
  it('serves the page at /console and below, with a CSP that allows no other origin', async () => {
    for (const url of ['/console', '/console/', '/console/candidates/123', '/console/sign-in']) {
      const res = await request(app).get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="root"></div>');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves the built files and answers 404 for a missing one', async () => {
    const js = readdirSync(path.join(CONSOLE_DIST, 'assets')).find((f) => f.endsWith('.js'))!;
    const file = await request(app).get(`/console/assets/${js}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/javascript/);
    expect((await request(app).get('/console/assets/index-missing.js')).status).toBe(404);
  });

  it('says how to build the console when it is not built', async () => {
    const bare = express().use(consoleRouter(path.join(CONSOLE_DIST, 'no-such-folder')));
    const res = await request(bare).get('/console');
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm run setup');
  });
});
