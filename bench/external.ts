// `npm run bench -- --external`: the benchmark against services already running — DATABASE_URL,
// TEMPORAL_ADDRESS and SMTP_URL as given, the API at JALON_API_URL and the mailbox at MAILBOX_URL (or, if
// unset, those of `npm run cluster`). The processes it measures are found by role, from the pid files
// the cluster script writes (<JALON_DATA_DIR>/cluster/run/<role>.pid), never by their names.
import { readFileSync } from 'node:fs';
import { loadConfig } from '../platform/config';
import { knownRoles, readPid, rssBytes } from '../scripts/cluster-processes';
import { postmasterPid } from '../scripts/cluster-postgres';
import { apiReady } from '../scripts/cluster-health';
import { clusterDirOf, readState } from '../scripts/cluster-state';
import type { MeasuredRole, RunningSystem } from './system';

const ROLE_PREFIX: Record<MeasuredRole, (role: string) => boolean> = {
  app: (r) => r.startsWith('jalon-'),
  temporal: (r) => r.startsWith('temporal-'),
  postgres: (r) => r === 'postgres',
};

/** A process and its children (PostgreSQL runs one backend process per connection). */
export function treeRss(pid: number): number {
  let total = rssBytes(pid);
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) total += treeRss(Number(child));
  } catch {
    // gone, or no children file
  }
  return total;
}

export async function externalSystem(): Promise<RunningSystem> {
  const config = loadConfig();
  const missing = (['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL'] as const).filter((k) => !config[k]);
  if (missing.length) throw new Error(`--external measures the services you name: set ${missing.join(', ')} (for the local cluster: eval "$(npm run -s cluster -- env)")`);
  const { clusterDir } = clusterDirOf();
  const state = readState(clusterDir);
  const api = process.env.JALON_API_URL ?? state?.app.apiUrl;
  const mailbox = process.env.MAILBOX_URL ?? state?.smtp.sink?.mailboxUrl;
  if (!api || !mailbox) throw new Error('--external needs the API and the mailbox of the SMTP sink: set JALON_API_URL and MAILBOX_URL, or run `npm run cluster -- up` first');
  const ready = await apiReady(api);
  if (!ready.ok) throw new Error(`the API at ${api} is not ready: ${ready.detail}`);
  return {
    api, mailbox,
    databaseUrl: config.DATABASE_URL!,
    temporalAddress: config.TEMPORAL_ADDRESS!,
    dataDir: clusterDir,
    rss(role) {
      return knownRoles(clusterDir).filter(ROLE_PREFIX[role]).reduce((sum, r) => {
        // PostgreSQL's own pid file is the truth: a restart (a drill's) gives the server a new pid.
        const pid = r === 'postgres' && state ? postmasterPid({ ...state.postgres, superPassword: '' }) : readPid(clusterDir, r);
        return sum + (pid ? (role === 'postgres' ? treeRss(pid) : rssBytes(pid)) : 0);
      }, 0);
    },
    appPids: () => knownRoles(clusterDir).filter(ROLE_PREFIX.app).map((r) => readPid(clusterDir, r)).filter((p): p is number => p !== undefined),
    pidOf: () => undefined,
    stop: async () => {}, // not ours to stop
  };
}
