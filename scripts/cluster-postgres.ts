// The cluster's PostgreSQL: Debian's server binaries, a database cluster of its own under the data
// folder, listening on loopback only. PostgreSQL refuses to run as root (CI runs as root): then every
// command runs as the `postgres` user, which owns the folder.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface PostgresCluster {
  dir: string;
  port: number;
  superPassword: string;
}

const dataOf = (c: PostgresCluster) => path.join(c.dir, 'data');
const socketOf = (c: PostgresCluster) => path.join(c.dir, 'socket');
export const postgresLog = (c: PostgresCluster) => path.join(c.dir, 'postgres.log');

export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error('No PostgreSQL server found under /usr/lib/postgresql: install Debian\'s `postgresql` package (apt-get install -y postgresql).');
  versions.sort((a, b) => Number(b) - Number(a));
  return path.join(root, versions[0]!, 'bin');
}

/** Who runs PostgreSQL: this user, or `postgres` when this is root. */
export function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

function run(bin: string, args: string[], user = postgresUser()): string {
  try {
    return execFileSync(path.join(postgresBinDir(), bin), args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) }).toString();
  } catch (error) {
    const e = error as { stderr?: Buffer; stdout?: Buffer; message: string };
    throw new Error(`${bin} failed: ${(e.stderr?.toString() || e.stdout?.toString() || e.message).trim()}`);
  }
}

/**
 * The `postgres` user must reach its folder: folders of the data root it cannot cross get o+x (cross
 * only, not list); a folder outside the data root it cannot cross is an error naming it.
 */
function letPostgresReach(dir: string, dataRoot: string): void {
  const ancestors: string[] = [];
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    ancestors.unshift(d);
    if (d === path.dirname(d)) break;
  }
  for (const d of ancestors) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) !== 0) continue;
    if (d === dataRoot || d.startsWith(`${dataRoot}${path.sep}`)) chmodSync(d, mode | 0o001);
    else throw new Error(`PostgreSQL runs as the user postgres here (this is root), and it cannot enter ${d}. Set JALON_DATA_DIR to a folder it can reach, for example under /tmp or /var/lib.`);
  }
}

/** initdb once (SCRAM passwords, UTF-8), owned by the user that will run it. */
export function initPostgres(c: PostgresCluster, dataRoot: string): 'created' | 'exists' {
  const user = postgresUser();
  mkdirSync(c.dir, { recursive: true, mode: 0o700 });
  if (user) {
    letPostgresReach(c.dir, dataRoot);
    chownSync(c.dir, user.uid, user.gid);
  }
  if (existsSync(path.join(dataOf(c), 'PG_VERSION'))) return 'exists';
  const pwfile = path.join(c.dir, 'initdb-password');
  writeFileSync(pwfile, c.superPassword, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  try {
    run('initdb', ['-D', dataOf(c), '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8']);
  } finally {
    rmSync(pwfile, { force: true });
  }
  return 'created';
}

// Loopback only. max_connections: 6 Temporal processes (up to 22 each) and 3 Jalon processes (10 each), with room.
const serverOptions = (c: PostgresCluster) => `-p ${c.port} -k ${socketOf(c)} -c listen_addresses=127.0.0.1 -c max_connections=300`;

export function startPostgres(c: PostgresCluster): number {
  const user = postgresUser();
  mkdirSync(socketOf(c), { recursive: true, mode: 0o700 });
  if (user) chownSync(socketOf(c), user.uid, user.gid);
  run('pg_ctl', ['-D', dataOf(c), '-l', postgresLog(c), '-w', '-t', '60', '-o', serverOptions(c), 'start']);
  return postmasterPid(c)!;
}

export function stopPostgres(c: PostgresCluster, mode: 'fast' | 'immediate' = 'fast'): void {
  if (!postmasterPid(c)) return;
  run('pg_ctl', ['-D', dataOf(c), '-m', mode, '-w', '-t', '60', 'stop']);
}

/** The server's pid from postmaster.pid, if one is running. */
export function postmasterPid(c: PostgresCluster): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dataOf(c), 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

export const superUrl = (c: PostgresCluster, db = 'postgres') => `postgresql://postgres:${encodeURIComponent(c.superPassword)}@127.0.0.1:${c.port}/${db}`;
export const userUrl = (c: PostgresCluster, user: string, password: string, db: string) => `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${c.port}/${db}`;

/** A login role (idempotent; the password is set each time) and, optionally, a database it owns. */
export async function ensureRole(c: PostgresCluster, role: { name: string; password: string; createdb?: boolean; database?: string }): Promise<void> {
  const client = new pg.Client({ connectionString: superUrl(c) });
  await client.connect();
  try {
    const ident = client.escapeIdentifier(role.name);
    const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name])).rowCount;
    const password = client.escapeLiteral(role.password);
    await client.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${ident} LOGIN ${role.createdb ? 'CREATEDB' : ''} PASSWORD ${password}`);
    if (role.database && !(await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [role.database])).rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(role.database)} OWNER ${ident}`);
    }
  } finally {
    await client.end();
  }
}


/** A clean restart: connections are closed, the server comes back on the same port (a drill's fault). */
export async function restartPostgres(c: PostgresCluster): Promise<void> {
  run('pg_ctl', ['-D', dataOf(c), '-l', postgresLog(c), '-m', 'fast', '-w', '-t', '60', '-o', serverOptions(c), 'restart']);
}
