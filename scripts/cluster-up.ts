// `cluster up`: PostgreSQL, the Temporal services on it, the namespace and Jalon's search attributes,
// then Jalon (one API, two workers) and an SMTP sink unless SMTP_URL names a server. Each process is
// started only once the ones it needs answer; a cluster already set up keeps its ports, data and passwords.
import { loadConfig } from '../platform/config';
import { connectClient, ensureNamespace } from '../platform/temporal';
import { ensureSearchAttributes } from '../platform/search-attributes';
import { createServer } from 'node:net';
import { ensureTemporalBuilt } from './cluster-build';
import { ensureRole, initPostgres, postmasterPid } from './cluster-postgres';
import { isAlive, readPid } from './cluster-processes';
import { postgresOf, rolesOf, startRole } from './cluster-roles';
import { clusterDirOf, readOrCreateSecrets, readState, writeState, type ClusterState } from './cluster-state';
import { setupSchemas, TEMPORAL_ROLES, writeConfigs, type TemporalProcess } from './cluster-temporal';
import path from 'node:path';
import { PRIVATE_UMASK } from '../platform/data-dir';

const WORKERS = 2;

/**
 * A free loopback port below 32768: Temporal stores membership ports as a PostgreSQL smallint
 * ("value 46731 is out of range for type smallint"), and the kernel's own choices are above it.
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 15_000 + Math.floor(Math.random() * 17_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

async function plan(progress: (msg: string) => void): Promise<ClusterState> {
  const { dataRoot, clusterDir } = clusterDirOf();
  const previous = readState(clusterDir);
  const build = await ensureTemporalBuilt(progress);
  const config = loadConfig();
  const port = async (old: number | undefined) => old ?? freePort();
  const processes: TemporalProcess[] = [];
  for (const { role, service } of TEMPORAL_ROLES) {
    const old = previous?.temporal.processes.find((p) => p.role === role);
    processes.push({
      role, service, grpcPort: await port(old?.grpcPort), membershipPort: await port(old?.membershipPort),
      ...(service === 'frontend' ? { httpPort: await port(old?.httpPort) } : {}),
    });
  }
  const frontend = processes.find((p) => p.service === 'frontend')!;
  const apiPort = await port(previous?.app.apiPort);
  const external = process.env.SMTP_URL;
  const sink = external ? undefined : previous?.smtp.sink ?? { smtpPort: await freePort(), httpPort: await freePort(), mailboxUrl: '' };
  if (sink) sink.mailboxUrl = `http://127.0.0.1:${sink.httpPort}`;
  return {
    dataRoot, clusterDir,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    postgres: { dir: path.join(clusterDir, 'postgres'), port: await port(previous?.postgres.port) },
    temporal: { processes, address: `127.0.0.1:${frontend.grpcPort}` },
    smtp: external ? { url: external } : { url: `smtp://127.0.0.1:${sink!.smtpPort}`, sink },
    app: { apiPort, apiUrl: `http://${config.API_HOST}:${apiPort}`, workers: WORKERS },
    build,
  };
}

export async function clusterUp(progress: (msg: string) => void): Promise<ClusterState> {
  process.umask(PRIVATE_UMASK);
  const started = Date.now();
  const state = await plan(progress);
  const secrets = readOrCreateSecrets(state.clusterDir);
  writeState(state);
  const step = (msg: string) => progress(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${msg}`);

  const pg = postgresOf(state, secrets);
  step(`PostgreSQL: ${initPostgres(pg, state.dataRoot) === 'created' ? 'initialised' : 'found'} ${pg.dir}`);
  if (!postmasterPid(pg)) await startRole(state, secrets, 'postgres');
  step(`PostgreSQL listening on 127.0.0.1:${pg.port}`);
  await ensureRole(pg, { name: 'temporal', password: secrets.temporal, createdb: true });
  await ensureRole(pg, { name: 'jalon', password: secrets.jalon, database: 'jalon' });
  setupSchemas(state.build, { port: pg.port, user: 'temporal', password: secrets.temporal });
  step('Temporal schemas (temporal, temporal_visibility) up to date');

  writeConfigs(path.join(state.clusterDir, 'temporal'), state.temporal.processes, { port: pg.port, user: 'temporal', password: secrets.temporal });
  for (const p of state.temporal.processes) {
    if (isAlive(readPid(state.clusterDir, p.role))) continue;
    // Two history processes starting together race for the shards (harmless, but noisy): a few seconds apart.
    if (p.role === 'temporal-history-2') await new Promise((r) => setTimeout(r, 3_000));
    const pid = await startRole(state, secrets, p.role);
    step(`${p.role} serving on 127.0.0.1:${p.grpcPort} (pid ${pid})`);
  }

  const client = await connectClient(state.temporal.address, state.namespace);
  try {
    // Closed histories are kept TEMPORAL_RETENTION_DAYS (default 30), then deleted by Temporal (README "Personal data").
    const namespace = await ensureNamespace(client, state.namespace, loadConfig().TEMPORAL_RETENTION_DAYS);
    // A new namespace reaches the services' caches within ~10 s (they poll the database): until then
    // the frontend answers NOT_FOUND, and history would refuse a journey.
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await client.connection.operatorService.listSearchAttributes({ namespace: state.namespace });
        break;
      } catch (error) {
        if ((error as { code?: number }).code !== 5 || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    if (namespace === 'created') await new Promise((r) => setTimeout(r, 11_000));
    const added = await ensureSearchAttributes(client.connection, state.namespace);
    step(`namespace ${state.namespace} ${namespace}; search attributes ${added.length ? `registered: ${added.join(', ')}` : 'already registered'}`);
  } finally {
    await client.connection.close();
  }

  for (const role of rolesOf(state).filter((r) => r === 'smtp' || r.startsWith('jalon-'))) {
    if (isAlive(readPid(state.clusterDir, role))) continue;
    const pid = await startRole(state, secrets, role);
    step(`${role} ready (pid ${pid})`);
  }
  step(`cluster up: API ${state.app.apiUrl} (ready: ${state.app.apiUrl}/ready), Temporal ${state.temporal.address}` +
    (state.smtp.sink ? `, mailbox ${state.smtp.sink.mailboxUrl}` : `, SMTP ${state.smtp.url}`));
  return state;
}
