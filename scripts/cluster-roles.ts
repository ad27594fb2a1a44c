// Every process of the cluster by its role: how to start it, when it is ready, whether it is healthy,
// how to stop it. `up`, `down`, `status` and the drills (which kill and restart roles) share these.
import path from 'node:path';
import { projectRoot } from '../platform/tools';
import { apiReady, grpcHealth, pollingPids, postgresHealth, tcpOpen, type Health } from './cluster-health';
import { isAlive, logSize, readPid, removePid, startDetached, stopProcess, waitForLog, writePid, type ProcessSpec } from './cluster-processes';
import { postmasterPid, startPostgres, stopPostgres, superUrl, type PostgresCluster } from './cluster-postgres';
import { jalonDatabaseUrl, type ClusterSecrets, type ClusterState } from './cluster-state';
import { serverArgs } from './cluster-temporal';

export const postgresOf = (state: ClusterState, secrets: ClusterSecrets): PostgresCluster => ({ ...state.postgres, superPassword: secrets.postgres });

/** Start order; `down` stops in the reverse order. */
export function rolesOf(state: ClusterState): string[] {
  return [
    'postgres',
    ...state.temporal.processes.map((p) => p.role),
    ...(state.smtp.sink ? ['smtp'] : []),
    'jalon-api',
    ...Array.from({ length: state.app.workers }, (_, i) => `jalon-worker-${i + 1}`),
    ...Array.from({ length: state.app.dispatchers ?? 0 }, (_, i) => `jalon-dispatcher-${i + 1}`),
  ];
}

const node = (script: string, env: NodeJS.ProcessEnv): Omit<ProcessSpec, 'role'> => ({
  command: process.execPath, args: ['--import', 'tsx', path.join(projectRoot, script)], cwd: projectRoot, env,
});

/** The environment of Jalon's own processes: the cluster's services, nothing embedded. */
export function appEnv(state: ClusterState, secrets: ClusterSecrets): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JALON_DATA_DIR: path.join(state.clusterDir, 'app'),
    DATABASE_URL: jalonDatabaseUrl(state, secrets),
    TEMPORAL_ADDRESS: state.temporal.address,
    TEMPORAL_NAMESPACE: state.namespace,
    TEMPORAL_TASK_QUEUE: state.taskQueue,
    SMTP_URL: state.smtp.url,
    ACTION_LINK_SECRET: secrets.actionLink,
    API_PORT: String(state.app.apiPort),
    // This cluster proves the topology and runs the drills, which read each reviewer request as it is
    // sent: no daily digest unless asked (JURY_DIGEST_HOURS=24 npm run cluster -- up). Processes a drill
    // restarts get the same value.
    JURY_DIGEST_HOURS: process.env.JURY_DIGEST_HOURS ?? '0',
  };
}

function specOf(state: ClusterState, secrets: ClusterSecrets, role: string): ProcessSpec {
  const temporal = state.temporal.processes.find((p) => p.role === role);
  if (temporal) return { role, command: state.build.server, args: serverArgs(path.join(state.clusterDir, 'temporal', `${role}.yaml`), temporal.service) };
  const env = appEnv(state, secrets);
  if (role === 'smtp') {
    return { role, ...node('platform/run-smtp-sink.ts', { ...env, EMBEDDED_SMTP_PORT: String(state.smtp.sink!.smtpPort), EMBEDDED_MAILBOX_PORT: String(state.smtp.sink!.httpPort) }) };
  }
  if (role === 'jalon-api') return { role, ...node('platform/run-app.ts', { ...env, START_WORKER: 'false' }) };
  if (/^jalon-worker-\d+$/.test(role)) return { role, ...node('platform/run-app.ts', { ...env, START_API: 'false' }) };
  if (/^jalon-dispatcher-\d+$/.test(role)) return { role, ...node('platform/run-app.ts', { ...env, START_API: 'false', START_WORKER: 'false', START_DISPATCHER: 'true' }) };
  throw new Error(`no role ${role} in this cluster`);
}

/** Starts one role and waits until it does its job. Answers its pid. */
export async function startRole(state: ClusterState, secrets: ClusterSecrets, role: string): Promise<number> {
  if (role === 'postgres') {
    const pid = startPostgres(postgresOf(state, secrets));
    writePid(state.clusterDir, role, pid);
    return pid;
  }
  const from = logSize(state.clusterDir, role);
  let pid = startDetached(state.clusterDir, specOf(state, secrets, role));
  const temporal = state.temporal.processes.find((p) => p.role === role);
  if (temporal) {
    // A restarted history service sometimes never rejoins the membership ring at all (seen at over 2 and
    // over 5 minutes on 2 loaded cores; usually it serves in about 6 s). As an orchestrator's liveness
    // probe would, one that does not serve within 90 s is stopped and started again, at most 3 times.
    for (let attempt = 1; ; attempt++) {
      try {
        await until(role, pid, 90_000, () => health(state, secrets, role));
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        console.error(`[cluster] ${role} not serving after 90 s (attempt ${attempt} of 3): stopped and started again`);
        await stopProcess(pid);
        pid = startDetached(state.clusterDir, specOf(state, secrets, role));
      }
    }
  } else {
    // Jalon's processes print {"ready":...} once connected, migrated and serving.
    await waitForLog(state.clusterDir, role, /^\{"ready"/, { pid, fromByte: from, timeoutMs: 180_000 });
  }
  return pid;
}

async function until(role: string, pid: number, timeoutMs: number, probe: () => Promise<Health>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: Health = { ok: false, detail: 'not probed' };
  while (Date.now() < deadline) {
    if (!isAlive(pid)) throw new Error(`${role} exited while starting (see its log)`);
    last = await probe();
    if (last.ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${role} not ready after ${timeoutMs / 1000} s: ${last.detail}`);
}

export async function stopRole(state: ClusterState, secrets: ClusterSecrets, role: string): Promise<string> {
  if (role === 'postgres') {
    const pg = postgresOf(state, secrets);
    if (!postmasterPid(pg)) return 'not running';
    stopPostgres(pg);
    removePid(state.clusterDir, role);
    return 'stopped';
  }
  const pid = readPid(state.clusterDir, role);
  const how = pid ? await stopProcess(pid) : 'not running';
  removePid(state.clusterDir, role);
  return how;
}

/** What `status` prints for a role: its pid and whether it does its job. */
export async function health(state: ClusterState, secrets: ClusterSecrets, role: string): Promise<Health> {
  const pid = role === 'postgres' ? postmasterPid(postgresOf(state, secrets)) : readPid(state.clusterDir, role);
  if (!isAlive(pid)) return { ok: false, detail: 'not running' };
  if (role === 'postgres') return postgresHealth(superUrl(postgresOf(state, secrets)));
  const temporal = state.temporal.processes.find((p) => p.role === role);
  if (temporal) return grpcHealth(temporal.grpcPort, temporal.service);
  if (role === 'smtp') return tcpOpen(state.smtp.sink!.smtpPort);
  if (role === 'jalon-api') return apiReady(state.app.apiUrl);
  // A dispatcher polls no task queue: alive is what can be said of it from outside.
  if (role.startsWith('jalon-dispatcher-')) return { ok: true, detail: 'running (outbox dispatcher)' };
  try {
    const polling = await pollingPids(state.temporal.address, state.namespace, state.taskQueue);
    return polling.has(pid!) ? { ok: true, detail: `polling task queue ${state.taskQueue}` } : { ok: false, detail: `not polling task queue ${state.taskQueue}` };
  } catch (error) {
    return { ok: false, detail: `cannot ask Temporal: ${(error as Error).message}` };
  }
}

export const pidOf = (state: ClusterState, secrets: ClusterSecrets, role: string) =>
  role === 'postgres' ? postmasterPid(postgresOf(state, secrets)) : readPid(state.clusterDir, role);
