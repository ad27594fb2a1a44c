// Temporal's own server on the cluster's PostgreSQL: the schemas set up with its SQL tool, then one
// process per service (frontend, 2 history, 2 matching, worker), each with a generated configuration
// file naming its own ports (one shared file would make every process bind the same ones).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TemporalBuild } from './cluster-build';

export type TemporalService = 'frontend' | 'history' | 'matching' | 'worker';

export interface TemporalProcess {
  role: string; // temporal-history-1 ...
  service: TemporalService;
  grpcPort: number;
  membershipPort: number;
  httpPort?: number; // the frontend's HTTP API
}

export interface TemporalDatabase {
  port: number;
  user: string;
  password: string;
}

/** The services in start order; the second history starts a few seconds after the first (see cluster-up). */
export const TEMPORAL_ROLES: { role: string; service: TemporalService }[] = [
  { role: 'temporal-history-1', service: 'history' },
  { role: 'temporal-history-2', service: 'history' },
  { role: 'temporal-matching-1', service: 'matching' },
  { role: 'temporal-matching-2', service: 'matching' },
  { role: 'temporal-frontend', service: 'frontend' },
  { role: 'temporal-worker', service: 'worker' },
];

/** Creates both databases (if missing) and brings their schemas to the version this build ships. */
export function setupSchemas(build: TemporalBuild, db: TemporalDatabase): void {
  const env = { ...process.env, SQL_PASSWORD: db.password }; // not on the command line, where `ps` shows it
  for (const [database, folder] of [['temporal', 'temporal'], ['temporal_visibility', 'visibility']] as const) {
    const tool = (...args: string[]) => {
      try {
        execFileSync(build.sql, ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(db.port), '-u', db.user, '--db', database, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        const e = error as { stderr?: Buffer; message: string };
        const text = e.stderr?.toString() ?? e.message;
        if (args[0] === 'create-database' && /already exists/.test(text)) return;
        throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed: ${text.trim().split('\n').slice(-5).join('\n')}`);
      }
    };
    tool('create-database');
    // setup-schema -v 0.0 creates the version table only (a no-op once it exists); update-schema applies the rest.
    tool('setup-schema', '-v', '0.0');
    tool('update-schema', '-d', path.join(build.schemaDir, folder, 'versioned'));
  }
}

function datastore(db: TemporalDatabase, database: string, maxConns: number): string {
  return `      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "127.0.0.1:${db.port}"
        connectProtocol: "tcp"
        user: "${db.user}"
        password: "${db.password}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
}

function rpc(p: TemporalProcess): string {
  return `    rpc:
      grpcPort: ${p.grpcPort}
      membershipPort: ${p.membershipPort}
      bindOnLocalHost: true${p.httpPort ? `\n      httpPort: ${p.httpPort}` : ''}`;
}

/**
 * One process's configuration (after the module's config/development-postgres12.yaml): its own service
 * block with its own ports, the others' first instances for reference; no metrics or pprof listeners.
 */
export function configFor(own: TemporalProcess, all: TemporalProcess[], db: TemporalDatabase, dynamicConfigFile: string): string {
  const first = (service: TemporalService) => (own.service === service ? own : all.find((p) => p.service === service)!);
  const frontend = all.find((p) => p.service === 'frontend')!;
  return `log:
  stdout: true
  level: info

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:
${datastore(db, 'temporal', 20)}
    postgres-visibility:
${datastore(db, 'temporal_visibility', 2)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"

services:
${(['frontend', 'history', 'matching', 'worker'] as const).map((s) => `  ${s}:\n${rpc(first(s))}`).join('\n')}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${frontend.grpcPort}"

dcRedirectionPolicy:
  policy: "noop"

dynamicConfigClient:
  filepath: "${dynamicConfigFile}"
  pollInterval: "10s"
`;
}

// Search attributes registered by one process are seen at once by the others (development setting,
// as in the module's development-sql.yaml).
const DYNAMIC_CONFIG = `system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
    constraints: {}
`;

/** Writes every process's configuration (0600: it holds the database password); answers the file of each role. */
export function writeConfigs(dir: string, processes: TemporalProcess[], db: TemporalDatabase): Map<string, string> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dynamic = path.join(dir, 'dynamicconfig.yaml');
  writeFileSync(dynamic, DYNAMIC_CONFIG, { mode: 0o600 });
  const files = new Map<string, string>();
  for (const p of processes) {
    const file = path.join(dir, `${p.role}.yaml`);
    writeFileSync(file, configFor(p, processes, db, dynamic), { mode: 0o600 });
    files.set(p.role, file);
  }
  return files;
}

export const serverArgs = (configFile: string, service: TemporalService) => ['--config-file', configFile, '--allow-no-auth', 'start', '--service', service];
