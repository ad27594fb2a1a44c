// What `cluster up` decided (folders, ports, addresses), written once so that `status`, `down`, the drills
// and `bench --external` act on the same cluster; the passwords sit apart in a 0600 file.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../platform/config';
import type { TemporalProcess } from './cluster-temporal';

export interface ClusterState {
  dataRoot: string;
  clusterDir: string;
  namespace: string;
  taskQueue: string;
  postgres: { dir: string; port: number };
  temporal: { processes: TemporalProcess[]; address: string };
  /** Our SMTP sink, unless SMTP_URL named a server of the operator's (then `sink` is absent). */
  smtp: { url: string; sink?: { smtpPort: number; httpPort: number; mailboxUrl: string } };
  app: { apiPort: number; apiUrl: string; workers: number; /** Outbox dispatchers in processes of their own (the workers run one each too). */ dispatchers?: number };
  build: { server: string; sql: string; schemaDir: string };
}

export interface ClusterSecrets {
  postgres: string;
  temporal: string;
  jalon: string;
  actionLink: string;
}

/** The cluster lives in `<JALON_DATA_DIR>/cluster`. */
export function clusterDirOf(env: NodeJS.ProcessEnv = process.env): { dataRoot: string; clusterDir: string } {
  const dataRoot = path.resolve(loadConfig(env).JALON_DATA_DIR);
  return { dataRoot, clusterDir: path.join(dataRoot, 'cluster') };
}

const stateFile = (clusterDir: string) => path.join(clusterDir, 'state.json');
const secretsFile = (clusterDir: string) => path.join(clusterDir, 'secrets.json');

export function readState(clusterDir: string): ClusterState | undefined {
  if (!existsSync(stateFile(clusterDir))) return undefined;
  return JSON.parse(readFileSync(stateFile(clusterDir), 'utf8')) as ClusterState;
}

export function writeState(state: ClusterState): void {
  mkdirSync(state.clusterDir, { recursive: true, mode: 0o700 });
  writeFileSync(stateFile(state.clusterDir), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

/** Made once, kept for the cluster's life: the database is initialised with them. */
export function readOrCreateSecrets(clusterDir: string): ClusterSecrets {
  if (existsSync(secretsFile(clusterDir))) return JSON.parse(readFileSync(secretsFile(clusterDir), 'utf8')) as ClusterSecrets;
  const make = () => randomBytes(24).toString('hex');
  const secrets = { postgres: make(), temporal: make(), jalon: make(), actionLink: randomBytes(32).toString('hex') };
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  writeFileSync(secretsFile(clusterDir), JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export const jalonDatabaseUrl = (state: ClusterState, secrets: ClusterSecrets) =>
  `postgresql://jalon:${secrets.jalon}@127.0.0.1:${state.postgres.port}/jalon`;
