// The staff console: the single-page app built by Vite into console/dist (npm install builds it), served
// at /console. Every path under /console that is not a file gets index.html (the app routes itself).
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { projectRoot } from '../platform/tools';

export const CONSOLE_DIST = path.join(projectRoot, 'console', 'dist');

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

export function consoleRouter(dist = CONSOLE_DIST): Router {
  const router = Router();
  router.use('/console', (_req, res, next) => {
    res.set('Content-Security-Policy', CSP).set('X-Content-Type-Options', 'nosniff').set('Referrer-Policy', 'no-referrer');
    next();
  });
  router.use('/console', express.static(dist, { index: false, redirect: false, fallthrough: true, maxAge: '1h' }));
  // A missing built file is a 404, not the page (a stale tab asking for an old bundle must not get HTML).
  router.get('/console/assets/{*rest}', (_req, res) => {
    res.status(404).type('text/plain; charset=utf-8').send('Not found');
  });
  router.get('/console{/*rest}', (_req, res) => {
    const index = path.join(dist, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('La console n’est pas construite : lancez `npm run setup` (npm install le fait). / The console is not built: run `npm run setup`.');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
