// The HTTP API, built over its dependencies; only main calls listen(), tests mount the app directly.
import express from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../platform/database';
import type { Logger } from '../platform/logger';
import type { Mailer } from '../platform/mailer';
import { actionLinksRouter, type ActionLinkOptions } from './action-links/router';
import { juryQueueRouter } from './jury-queue/router';
import { errorHandler, notFound } from './problem';
import { linkDocumentsRouter } from './action-links/documents';
import type { RateLimit } from './rate-limit';
import { securityHeaders } from './security-headers';
import { healthRouter, type ReadinessCheck } from './routes/health';
import { staffApiRouters } from './routes/staff-api';
import { authRouter } from './routes/auth';
import { consoleRouter } from './console';
import { candidateSpaceRouter } from './candidate-space/router';
import { applyRouter } from './candidate-space/apply';
import { personalDataSpaceRouter } from './candidate-space/personal-data';
import { sessionOptionsOf, type SessionOptions } from './auth/sessions';
import type { DocumentSettings } from '../documents/index';

export interface AppDeps {
  db: Database;
  temporal: Client;
  config: { taskQueue: string; publicBaseUrl: string; /** Shown on the link pages: where people write. */ admissionsEmail?: string };
  readiness: Record<string, ReadinessCheck>;
  log: Logger;
  /** Action-link pages: CSRF secret, clock, rate limits (defaults when absent). */
  actionLinks?: ActionLinkOptions;
  /** Staff "resend an email": the mailer and mail settings; without them that route answers 503. */
  mail?: { mailer: Mailer; config: { mailFrom: string; admissionsEmail: string; publicBaseUrl: string; linkSecret?: string } };
  /** Console sessions and sign-in links: idle and absolute expiry, link lifetime, clock (defaults when absent). */
  sessions?: Partial<SessionOptions>;
  /**
   * Staff API: failed authentications allowed per address and window (default 60 per 10 minutes); how long
   * a valid API key is trusted without a lookup (API_KEY_CACHE_SECONDS, default 10 s: revocation delay).
   */
  staffApi?: { failedAuth?: RateLimit; apiKeyCache?: { ttlMs?: number; now?: () => number } };
  /** Where rate-limit windows are counted: this process's memory (default), or PostgreSQL, shared by every API process. */
  rateLimitStore?: 'memory' | 'postgres';
  /** Express `trust proxy` (TRUST_PROXY, parsed by the configuration): where the client address comes from. */
  trustProxy?: boolean | number | string[];
  /** The document store (DOCUMENTS_DIR, MAX_UPLOAD_BYTES); default .data/files and 10 MB. */
  documents?: DocumentSettings;
  /** Personal data erasure: the SMTP sink's archive folder whose copies of a person's emails go too (default none). */
  privacy?: { mailboxDir?: string };
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Behind a reverse proxy, the client address (rate limits, logs) comes from X-Forwarded-For.
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders(deps.config.publicBaseUrl));
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRouter(deps.readiness));
  // Action links from emails (/a/:token): server-rendered pages, no account, no staff authentication.
  app.use(linkDocumentsRouter(deps));
  app.use(actionLinksRouter(deps));
  app.use(juryQueueRouter(deps));
  // Console sign-in (emailed link, session cookie) and the console's built assets at /console.
  app.use(authRouter({ db: deps.db, log: deps.log, mail: deps.mail, sessions: sessionOptionsOf(deps), publicBaseUrl: deps.config.publicBaseUrl, rateLimitStore: deps.rateLimitStore }));
  app.use(consoleRouter());
  // The candidate space (/space): sign-in by emailed link, the journey, uploads, tasks.
  app.use(personalDataSpaceRouter(deps));
  app.use(candidateSpaceRouter(deps));
  app.use(applyRouter(deps));
  // Staff API (cohorts, candidates, imports, actions, dashboards, system checks) and GET /openapi.json.
  app.use(...staffApiRouters(deps).routers);
  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}
