// The bench's own throw-away PostgreSQL (Debian's server, as the cluster runs it) in a temporary folder:
// a `jalon` role and database for the app, and every statement of that role written to the server's log,
// so that the round trips of an intake can be counted (the bench's own queries run as the superuser and
// are not logged).
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { ensureRole, initPostgres, postgresLog, postmasterPid, startPostgres, stopPostgres, superUrl, userUrl, type PostgresCluster } from '../scripts/cluster-postgres';
import { freePort } from '../test/support/ports';
import { treeRss } from './external';

export interface BenchPostgres {
  /** What the app is given (the `jalon` role, whose statements are logged). */
  appUrl: string;
  /** What the bench itself uses (the superuser: not logged). */
  benchUrl: string;
  logsStatements: boolean;
  /** Where the statement log stands now: count from here later. */
  logOffset(): number;
  countStatements(fromByte: number): Promise<StatementCount>;
  /** The postmaster and its backends. */
  rss(): number;
  stop(): Promise<void>;
}

export interface StatementCount {
  total: number;
  /** The most frequent statements, by verb and first table ("SELECT OutboxEmail", "BEGIN"…). */
  top: { what: string; count: number }[];
}

export const hasDebianPostgres = () => existsSync('/usr/lib/postgresql');

/** `logStatements: false`: no statement log (its writing costs the server a little), no round trips counted. */
export async function startBenchPostgres(options: { logStatements?: boolean } = {}): Promise<BenchPostgres> {
  if (!hasDebianPostgres()) throw new Error('This configuration needs Debian\'s PostgreSQL server (/usr/lib/postgresql): apt-get install -y postgresql, or run --config embedded.');
  // Under /tmp: as root, PostgreSQL runs as `postgres`, which must reach the folder.
  const root = mkdtempSync(path.join(os.tmpdir(), 'jalon-bench-pg-'));
  const cluster: PostgresCluster = { dir: path.join(root, 'pg'), port: await freePort(), superPassword: randomBytes(12).toString('hex') };
  const appPassword = randomBytes(12).toString('hex');
  initPostgres(cluster, root);
  startPostgres(cluster);
  try {
    await ensureRole(cluster, { name: 'jalon', password: appPassword, database: 'jalon' });
    if (options.logStatements ?? true) await superQuery(cluster, ['ALTER ROLE jalon SET log_statement = \'all\'', 'ALTER ROLE jalon SET log_parameter_max_length = 0']);
  } catch (error) {
    stopPostgres(cluster, 'immediate');
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const log = postgresLog(cluster);
  return {
    logsStatements: options.logStatements ?? true,
    appUrl: userUrl(cluster, 'jalon', appPassword, 'jalon'),
    benchUrl: superUrl(cluster, 'jalon'),
    logOffset: () => statSync(log).size,
    countStatements: (fromByte) => countStatements(log, fromByte),
    rss: () => {
      const pid = postmasterPid(cluster);
      return pid ? treeRss(pid) : 0;
    },
    async stop() {
      stopPostgres(cluster, 'immediate');
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function superQuery(cluster: PostgresCluster, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: superUrl(cluster) });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

// log_statement = 'all' writes one "LOG:  statement: …" (simple protocol) or "LOG:  execute <name>: …"
// (extended protocol: parse, bind and execute go in one round trip) per statement; the text may go on
// over several lines, which are not counted.
const STATEMENT = /\bLOG:\s+(?:statement|execute [^:]*):\s*(.*)$/;

export async function countStatements(logFile: string, fromByte: number): Promise<StatementCount> {
  const counts = new Map<string, number>();
  let total = 0;
  const lines = createInterface({ input: createReadStream(logFile, { start: fromByte }) });
  for await (const line of lines) {
    const m = STATEMENT.exec(line);
    if (!m) continue;
    total++;
    const what = statementKind(m[1]!);
    counts.set(what, (counts.get(what) ?? 0) + 1);
  }
  const top = [...counts].map(([what, count]) => ({ what, count })).sort((a, b) => b.count - a.count).slice(0, 10);
  return { total, top };
}

/** "SELECT OutboxEmail", "INSERT AuditEvent", "BEGIN", "SELECT pg_notify"… */
export function statementKind(sql: string): string {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '?';
  const table = /\b(?:FROM|INTO|UPDATE)\s+(?:"public"\.)?"?([A-Za-z_][\w]*)"?/i.exec(sql)?.[1];
  if (table) return `${verb} ${table}`;
  const fn = /^\s*SELECT\s+([a-z_]+)\s*\(/i.exec(sql)?.[1];
  return fn ? `${verb} ${fn}` : verb;
}
