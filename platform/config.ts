// One place for every setting: read from the environment, validated by zod, failing at start-up
// with the variable's name. Nothing here is logged as is: see `describeConfig`.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

function urlWithProtocols(protocols: string[]) {
  return z.string().refine((value) => {
    try {
      const url = new URL(value);
      return protocols.includes(url.protocol) && url.hostname !== '';
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
}

const hostPort = z
  .string()
  .regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'must be host:port, for example 127.0.0.1:7233');

// Express's `trust proxy`, read as an operator means it: `true`/`false`, a number of hops in front of the
// app (`1` = one reverse proxy), or a comma-separated list of proxy addresses, subnets or Express's names
// (loopback, linklocal, uniquelocal). Passed raw, `1` was taken for the address 0.0.0.1 and `true` stopped
// the app ("invalid IP address").
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const trustProxy = z.string().trim().transform((value, ctx): boolean | number | string[] => {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((v) => v.trim()).filter(Boolean);
  const bad = entries.filter((v) => !PROXY_NAMES.includes(v) && !isAddressOrSubnet(v));
  if (entries.length === 0 || bad.length > 0) {
    ctx.addIssue({ code: 'custom', message: `must be true, false, a number of proxy hops (e.g. 1), or proxy addresses/subnets separated by commas (e.g. 10.0.0.1, 192.168.0.0/16, loopback); not understood: ${bad.join(', ') || value}` });
    return z.NEVER;
  }
  return entries;
});

function isAddressOrSubnet(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  JALON_DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),

  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  PUBLIC_BASE_URL: urlWithProtocols(['http:', 'https:']).optional(),

  DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']).optional(),
  EMBEDDED_POSTGRES_PORT: port.default(5433),
  EMBEDDED_POSTGRES_MAX_CONNECTIONS: z.coerce.number().int().min(2).max(500).default(50),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),

  TEMPORAL_ADDRESS: hostPort.optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('jalon'),
  // How long Temporal keeps a closed workflow's history (set on the namespace at start; README "Personal data").
  TEMPORAL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_TEST_SERVER_PATH: z.string().min(1).optional(),
  EMBEDDED_TEMPORAL_PORT: port.default(7233),
  EMBEDDED_TEMPORAL_UI_PORT: port.default(8233),

  SMTP_URL: urlWithProtocols(['smtp:', 'smtps:']).optional(),
  EMBEDDED_SMTP_PORT: port.default(2525),
  EMBEDDED_MAILBOX_PORT: port.default(8025),
  MAIL_FROM: z.string().min(3).default('Jalon <no-reply@jalon.localhost>'),
  ADMISSIONS_EMAIL: z.email().default('admissions@jalon.localhost'),

  ACTION_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACTION_LINK_MAX_PER_TOKEN: z.coerce.number().int().min(1).default(20),
  ACTION_LINK_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(120),
  ACTION_LINK_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
  TRUST_PROXY: trustProxy.optional(),
  RATE_LIMIT_STORE: z.enum(['postgres', 'memory']).default('postgres'),
  // A valid staff API key is trusted this long without a database lookup: a revoked key stops working
  // within this delay (0: every call looks the key up).
  API_KEY_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(10),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  // Requests to jury members, reviewers and assessors come in one digest per person at most every this
  // many hours (0: one email per request, no digest); digests due are composed every JURY_DIGEST_CHECK_MINUTES.
  JURY_DIGEST_HOURS: z.coerce.number().min(0).max(24 * 14).default(24),
  JURY_DIGEST_CHECK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  ALLOW_EMBEDDED_IN_PRODUCTION: flag.default(false),
  // Document store (candidate space uploads): where files go (default JALON_DATA_DIR/files) and the size limit.
  DOCUMENTS_DIR: z.string().min(1).optional(),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(10 * 1024 * 1024),
  // How long the candidate space link of the dossier email stays valid (single use); "lost my link" links last an hour.
  CANDIDATE_SPACE_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // Personal data: the SMTP sink's archive of sent mail (erasure removes a person's copies; default JALON_DATA_DIR/mail),
  // and the retention policy run daily by a Temporal Schedule (privacy/, workflows/retention.ts).
  MAILBOX_DIR: z.string().min(1).optional(),
  RETENTION_YEARS: z.coerce.number().int().min(1).max(50).default(2),
  RETENTION_DRY_RUN: flag.default(false),
  RETENTION_SCHEDULE: flag.default(true),
  START_WORKER: flag.default(true),
  START_API: flag.default(true),
  // The outbox dispatcher (delivers queued emails): in the worker process unless said otherwise, and alone
  // in a process with START_API=false START_WORKER=false START_DISPATCHER=true. Several may run at once.
  START_DISPATCHER: flag.optional(),
  // How long a dispatcher's claim on an email lasts (a dispatcher that dies mid-send: another takes the
  // email after this), and the longest wait between two looks when no NOTIFY wakes it.
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).max(3_600).default(120),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
});

export type Config = z.infer<typeof configSchema>;

/** Thrown for invalid configuration; its message is one line naming each bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset: `FOO= npm start` should mean the default, not an error.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}. Fix the environment variable(s) and start again.`);
  }
  return parsed.data;
}

/** The embedded services `npm start` would run with this configuration (those whose URL is unset). */
export function embeddedServices(config: Config): string[] {
  return [
    ...(config.DATABASE_URL ? [] : ['PostgreSQL (PGlite): DATABASE_URL is unset']),
    ...(config.TEMPORAL_ADDRESS ? [] : ['Temporal dev server, whose web UI has no sign-in: TEMPORAL_ADDRESS is unset']),
    ...(config.SMTP_URL ? [] : ['SMTP sink, whose mailbox page shows every email and its live links: SMTP_URL is unset']),
  ];
}

/**
 * Production does not run the embedded services by accident: they are for one developer's machine.
 * Throws a ConfigError saying which and why, unless ALLOW_EMBEDDED_IN_PRODUCTION=true (a demonstration).
 */
export function refuseEmbeddedInProduction(config: Config): void {
  if (config.NODE_ENV !== 'production' || config.ALLOW_EMBEDDED_IN_PRODUCTION) return;
  const services = embeddedServices(config);
  if (services.length === 0) return;
  throw new ConfigError(
    `NODE_ENV=production, but npm start would run embedded development services: ${services.join('; ')}. ` +
      'They are made for one developer\'s machine. Set DATABASE_URL, TEMPORAL_ADDRESS and SMTP_URL to your own services, ' +
      'or set ALLOW_EMBEDDED_IN_PRODUCTION=true to run them anyway (a demonstration on one machine).',
  );
}

export function dataDir(config: Config): string {
  return path.resolve(config.JALON_DATA_DIR);
}

export function mailboxDir(config: Config): string {
  return path.resolve(config.MAILBOX_DIR ?? path.join(config.JALON_DATA_DIR, 'mail'));
}

export function documentsDir(config: Config): string {
  return path.resolve(config.DOCUMENTS_DIR ?? path.join(config.JALON_DATA_DIR, 'files'));
}

/** The settings safe to print: URLs lose their credentials, secrets are only said to be set. */
export function describeConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.includes('SECRET')) out[key] = value ? '(set)' : '(unset)';
    else if (typeof value === 'string' && /^[a-z]+:\/\//.test(value)) out[key] = redactUrl(value);
    else out[key] = value;
  }
  return out;
}

export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}
