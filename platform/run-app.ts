// The application process: applies migrations, then runs the Temporal worker, the outbox dispatcher and
// the HTTP API (all by default; START_WORKER / START_API / START_DISPATCHER split them into processes).
import type { Connection } from '@temporalio/client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from '@temporalio/worker';
import { createApp } from '../api/app';
import { applyMigrations } from '../prisma/migrate';
import { readActionLinkSecret } from './secrets';
import { ConfigError, describeConfig, documentsDir, loadConfig, mailboxDir } from './config';
import { LocalBlobStore } from '../documents/blob-store';
import { checkDatabaseReachable, createDatabase } from './database';
import { createLogger } from './logger';
import { checkSmtpReachable, createMailer } from './mailer';
import { connectClient, connectWorker, ensureNamespace } from './temporal';
import { installTemporalLogging } from './temporal-logging';
import { ensureSearchAttributes } from './search-attributes';
import { createWorker } from './worker';
import { ensureJuryDigests } from '../workflows/digest-client';
import { startOutboxDispatcher, type OutboxDispatcher } from '../activities/mail/dispatcher';
import { ensureRetentionSchedule } from '../workflows/retention-schedule';

async function main() {
  const config = loadConfig();
  const log = createLogger({ process: 'app' }, config.LOG_LEVEL);
  installTemporalLogging(log);
  const { DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL } = config;
  if (!DATABASE_URL || !TEMPORAL_ADDRESS || !SMTP_URL) {
    throw new ConfigError('DATABASE_URL, TEMPORAL_ADDRESS and SMTP_URL must be set for the app process (npm start sets them for embedded services).');
  }
  log.info('starting', { config: describeConfig(config) });
  await checkDatabaseReachable(DATABASE_URL);
  const migrations = await applyMigrations(DATABASE_URL);
  log.info('migrations applied', { ...migrations });

  const db = createDatabase(DATABASE_URL, config.DATABASE_POOL_SIZE);
  const mailer = createMailer(SMTP_URL);
  const temporal = await connectClient(TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  const namespace = await ensureNamespace(temporal, config.TEMPORAL_NAMESPACE, config.TEMPORAL_RETENTION_DAYS);
  log.info('temporal namespace', { namespace: config.TEMPORAL_NAMESPACE, state: namespace, retentionDays: config.TEMPORAL_RETENTION_DAYS });
  const searchAttributes = await ensureSearchAttributes(temporal.connection as Connection, config.TEMPORAL_NAMESPACE);
  if (searchAttributes.length) log.info('temporal search attributes registered', { added: searchAttributes });
  // The HTTP port is bound first, so that API_PORT=0 (any free port, for tests and benchmarks) still
  // gives the links in emails the real address. Requests are served once the app is attached below.
  let server: Server | undefined;
  let apiUrl: string | undefined;
  if (config.START_API) {
    server = createServer();
    await new Promise<void>((resolve, reject) => {
      server!.once('error', (error) => reject(new Error(`API_PORT: cannot listen on ${config.API_HOST}:${config.API_PORT}: ${error.message}`)));
      server!.listen(config.API_PORT, config.API_HOST, () => resolve());
    });
    apiUrl = `http://${config.API_HOST}:${(server.address() as AddressInfo).port}`;
  }
  const publicBaseUrl = config.PUBLIC_BASE_URL ?? apiUrl ?? `http://${config.API_HOST}:${config.API_PORT}`;
  // Signs the link pages' forms (API) and seals the tokens of queued emails (worker, and API resends).
  const linkSecret = await readActionLinkSecret(config);
  const requestDigest = config.JURY_DIGEST_HOURS > 0;
  const mailConfig = { mailFrom: config.MAIL_FROM, admissionsEmail: config.ADMISSIONS_EMAIL, publicBaseUrl, linkSecret, candidateSpaceLinkDays: config.CANDIDATE_SPACE_LINK_DAYS, requestDigest };

  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  if (config.START_WORKER) {
    const connection = await connectWorker(TEMPORAL_ADDRESS);
    worker = await createWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
      deps: {
        db,
        mailer,
        clock: () => new Date(),
        config: mailConfig,
        documents: { dir: documentsDir(config), maxBytes: config.MAX_UPLOAD_BYTES },
        privacy: { documentsDir: documentsDir(config), mailboxDir: mailboxDir(config) },
      },
    });
    workerRun = worker.run();
    log.info('worker running', { taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE });
    // The worker holds requests for the digests (requestDigest): the digests' workflow must run.
    if (requestDigest) {
      const digests = await ensureJuryDigests(temporal, config.TEMPORAL_TASK_QUEUE, { everyMs: config.JURY_DIGEST_CHECK_MINUTES * 60_000, minIntervalMs: config.JURY_DIGEST_HOURS * 3_600_000 });
      log.info('jury digests running', { workflowId: digests, everyHours: config.JURY_DIGEST_HOURS });
    }
    // The retention policy, daily (docs in README "Personal data").
    if (config.RETENTION_SCHEDULE) {
      const scheduleId = await ensureRetentionSchedule(temporal, config.TEMPORAL_TASK_QUEUE, { years: config.RETENTION_YEARS, dryRun: config.RETENTION_DRY_RUN });
      log.info('retention schedule', { scheduleId, years: config.RETENTION_YEARS, dryRun: config.RETENTION_DRY_RUN });
    }
  }

  // Delivers the queued emails (the workflows only queue them): with the worker by default, or alone.
  let dispatcher: OutboxDispatcher | undefined;
  if (config.START_DISPATCHER ?? config.START_WORKER) {
    dispatcher = await startOutboxDispatcher({
      db, mailer: createMailer(SMTP_URL, { pooled: true }), config: mailConfig, databaseUrl: DATABASE_URL, log,
      leaseMs: config.OUTBOX_LEASE_SECONDS * 1000, pollMs: config.OUTBOX_POLL_MS,
    });
    log.info('outbox dispatcher running', { listening: dispatcher.listening, leaseSeconds: config.OUTBOX_LEASE_SECONDS, pollMs: config.OUTBOX_POLL_MS });
  }

  if (server) {
    const windowMs = config.ACTION_LINK_RATE_WINDOW_SECONDS * 1000;
    // A write killed midway (crash, SIGKILL) left at most a temporary file: never a stored one.
    const swept = await new LocalBlobStore(documentsDir(config)).sweepTemporary();
    if (swept > 0) log.info('document store: removed temporary files of interrupted writes', { count: swept });
    const app = createApp({
      db,
      temporal,
      log,
      config: { taskQueue: config.TEMPORAL_TASK_QUEUE, publicBaseUrl, admissionsEmail: config.ADMISSIONS_EMAIL },
      mail: { mailer, config: mailConfig },
      trustProxy: config.TRUST_PROXY,
      rateLimitStore: config.RATE_LIMIT_STORE,
      staffApi: { apiKeyCache: { ttlMs: config.API_KEY_CACHE_SECONDS * 1000 } },
      documents: { dir: documentsDir(config), maxBytes: config.MAX_UPLOAD_BYTES },
      privacy: { mailboxDir: mailboxDir(config) },
      actionLinks: {
        csrfSecret: linkSecret,
        perToken: { max: config.ACTION_LINK_MAX_PER_TOKEN, windowMs },
        perAddress: { max: config.ACTION_LINK_MAX_PER_ADDRESS, windowMs },
      },
      readiness: {
        database: async () => void (await db.$queryRaw`SELECT 1`),
        temporal: async () => void (await temporal.connection.workflowService.getSystemInfo({})),
        smtp: () => checkSmtpReachable(mailer),
      },
    });
    server.on('request', app);
    log.info('api listening', { url: apiUrl });
  }
  console.log(JSON.stringify({ ready: true, api: apiUrl }));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log.info('stopping');
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    // The SDK's runtime shuts its workers down on SIGINT/SIGTERM by itself (a terminal's Ctrl-C signals
    // the whole group): a second shutdown() would throw "Not running. Current state: DRAINING".
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
    await dispatcher?.stop();
    await db.$disconnect();
    await temporal.connection.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  if (workerRun) {
    workerRun.catch((error) => {
      log.error('worker failed', { error });
      process.exit(1);
    });
  }
}

main().catch((error: Error) => {
  // One line, naming what is wrong: no stack trace for a configuration or connection problem.
  console.error(`jalon: ${error.message}`);
  process.exit(1);
});
