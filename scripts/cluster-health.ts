// Is a process doing its job, not just alive: gRPC health checks for Temporal's services, a query for
// PostgreSQL, `/ready` for the API, the task queue's pollers for Jalon's workers, a greeting for SMTP.
import { connect } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';

export type Health = { ok: true; detail: string } | { ok: false; detail: string };

/**
 * The names Temporal's services register with the standard gRPC health service (the handler.go of each service
 * of v1.32.1). History says SERVING once it holds its shards, a few seconds after it listens.
 */
const GRPC_SERVICE: Record<string, string> = {
  frontend: 'temporal.api.workflowservice.v1.WorkflowService',
  history: 'temporal.api.workflowservice.v1.HistoryService',
  matching: 'temporal.api.workflowservice.v1.MatchingService',
  worker: 'temporal.api.workflowservice.v1.WorkerService',
};

// grpc.health.v1.HealthCheckRequest { string service = 1 } and HealthCheckResponse { enum status = 1 },
// encoded by hand: two fields do not warrant a .proto loader.
const encodeRequest = (service: string) => Buffer.concat([Buffer.from([0x0a, Buffer.byteLength(service)]), Buffer.from(service)]);
const STATUS = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];
const decodeStatus = (b: Buffer) => (b.length >= 2 && b[0] === 0x08 ? STATUS[b[1]!] ?? `status ${b[1]}` : 'UNKNOWN');

export function grpcHealth(port: number, service: string, timeoutMs = 3_000): Promise<Health> {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise<Health>((resolve) => {
    client.makeUnaryRequest('/grpc.health.v1.Health/Check', (s: string) => encodeRequest(s), (b: Buffer) => decodeStatus(b), GRPC_SERVICE[service] ?? '',
      { deadline: Date.now() + timeoutMs }, (error, status) => {
        if (error) resolve({ ok: false, detail: `health check: ${error.details || error.message}` });
        else resolve(status === 'SERVING' ? { ok: true, detail: 'serving' } : { ok: false, detail: String(status).toLowerCase() });
      });
  }).finally(() => client.close());
}

/** A TCP connection is accepted (the SMTP server). */
export function tcpOpen(port: number, timeoutMs = 2_000): Promise<Health> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (h: Health) => { socket.destroy(); resolve(h); };
    socket.setTimeout(timeoutMs, () => done({ ok: false, detail: `port ${port}: no answer` }));
    socket.once('connect', () => done({ ok: true, detail: `port ${port} open` }));
    socket.once('error', (e) => done({ ok: false, detail: `port ${port}: ${e.message}` }));
  });
}

export async function postgresHealth(url: string): Promise<Health> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity');
    return { ok: true, detail: `accepting queries, ${rows[0].n} connections` };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function apiReady(apiUrl: string): Promise<Health> {
  try {
    const res = await fetch(`${apiUrl}/ready`, { signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { status: string; checks: Record<string, { status: string }> };
    const checks = Object.entries(body.checks ?? {}).map(([k, v]) => `${k} ${v.status}`).join(', ');
    return res.ok ? { ok: true, detail: `/ready: ${checks}` } : { ok: false, detail: `/ready ${res.status}: ${checks}` };
  } catch (error) {
    return { ok: false, detail: `/ready: ${(error as Error).message}` };
  }
}

/** The pids polling the task queue (a worker's identity is `<pid>@<host>` unless configured). */
export async function pollingPids(address: string, namespace: string, taskQueue: string): Promise<Set<number>> {
  const connection = await Connection.connect({ address, connectTimeout: 3_000 });
  try {
    const client = new Client({ connection, namespace });
    const pids = new Set<number>();
    for (const taskQueueType of [1, 2] as const) { // workflow, activity
      const res = await client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType });
      for (const p of res.pollers ?? []) {
        const pid = Number(/^(\d+)@/.exec(p.identity ?? '')?.[1]);
        if (pid) pids.add(pid);
      }
    }
    return pids;
  } finally {
    await connection.close();
  }
}
