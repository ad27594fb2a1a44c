// One real journey stack served over HTTP and one Chromium, per test file: the link pages and the jury
// queue are tested as people meet them (links from the SMTP sink, pages in the browser).
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabase, type Database } from '../../platform/database';
import { startJourneyStack } from '../action-links/journey-fixture';
import { freePort } from '../support/ports';
import { hasChromium, launchChromium } from './chromium';

export interface JourneyInChromium {
  db: Database;
  js: Awaited<ReturnType<typeof startJourneyStack>>;
  browser: Browser;
  baseUrl: string;
}

/** Registers the hooks; the fields are set once `beforeAll` ran (nothing is started without Chromium). */
export function useJourneyInChromium(options: { digest?: boolean } = {}): JourneyInChromium {
  const ctx = {} as JourneyInChromium;
  let server: Server | undefined;
  beforeAll(async () => {
    if (!hasChromium) return;
    const stack = inject('stack');
    ctx.db = createDatabase(stack.databaseUrl);
    const port = await freePort();
    ctx.baseUrl = `http://127.0.0.1:${port}`;
    ctx.js = await startJourneyStack(stack, ctx.db, ctx.baseUrl, options);
    server = await new Promise<Server>((resolve) => {
      const s = ctx.js.app(ctx.baseUrl).listen(port, '127.0.0.1', () => resolve(s));
    });
    ctx.browser = await launchChromium();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await ctx.js?.stop();
    await ctx.db?.$disconnect();
  });
  return ctx;
}
