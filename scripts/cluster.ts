// `npm run cluster -- up|down|status`: Jalon on Temporal's own server (frontend, 2 history, 2 matching,
// worker) and Debian's PostgreSQL, as separate processes on this machine; see README "Production topology".
import { redactUrl } from '../platform/config';
import { logFile } from './cluster-processes';
import { health, pidOf, rolesOf, stopRole } from './cluster-roles';
import { clusterDirOf, jalonDatabaseUrl, readOrCreateSecrets, readState } from './cluster-state';
import { clusterUp } from './cluster-up';
import { ensureTemporalBuilt } from './cluster-build';

const say = (msg: string) => console.log(`[cluster] ${msg}`);

async function status(): Promise<number> {
  const { clusterDir } = clusterDirOf();
  const state = readState(clusterDir);
  if (!state) {
    say(`no cluster in ${clusterDir}: run \`npm run cluster -- up\``);
    return 1;
  }
  const secrets = readOrCreateSecrets(clusterDir);
  const rows = await Promise.all(rolesOf(state).map(async (role) => ({ role, pid: pidOf(state, secrets, role), health: await health(state, secrets, role) })));
  const width = Math.max(...rows.map((r) => r.role.length));
  for (const r of rows) console.log(`${r.role.padEnd(width)}  ${String(r.pid ?? '-').padStart(7)}  ${r.health.ok ? 'healthy  ' : 'UNHEALTHY'}  ${r.health.detail}`);
  console.log(`database ${redactUrl(jalonDatabaseUrl(state, secrets))}\ntemporal ${state.temporal.address} (namespace ${state.namespace})\n` +
    `smtp     ${state.smtp.url}${state.smtp.sink ? ` (mailbox ${state.smtp.sink.mailboxUrl})` : ''}\napi      ${state.app.apiUrl} (ready: ${state.app.apiUrl}/ready)\nlogs     ${logFile(clusterDir, '<role>')}`);
  return rows.every((r) => r.health.ok) ? 0 : 1;
}

async function down(): Promise<number> {
  const { clusterDir } = clusterDirOf();
  const state = readState(clusterDir);
  if (!state) {
    say(`no cluster in ${clusterDir}: nothing to stop`);
    return 0;
  }
  const secrets = readOrCreateSecrets(clusterDir);
  for (const role of rolesOf(state).reverse()) say(`${role}: ${await stopRole(state, secrets, role)}`);
  say(`stopped; data kept in ${clusterDir} (delete it to start afresh)`);
  return 0;
}

const command = process.argv[2];
const commands: Record<string, () => Promise<number>> = {
  up: async () => {
    await clusterUp(say);
    return status();
  },
  down,
  status,
  // The variables that point a process at this cluster: eval "$(npm run -s cluster -- env)".
  env: async () => {
    const { clusterDir } = clusterDirOf();
    const state = readState(clusterDir);
    if (!state) throw new Error(`no cluster in ${clusterDir}: run \`npm run cluster -- up\``);
    const vars = {
      DATABASE_URL: jalonDatabaseUrl(state, readOrCreateSecrets(clusterDir)), TEMPORAL_ADDRESS: state.temporal.address,
      TEMPORAL_NAMESPACE: state.namespace, SMTP_URL: state.smtp.url, JALON_API_URL: state.app.apiUrl, MAILBOX_URL: state.smtp.sink?.mailboxUrl ?? '',
    };
    for (const [k, v] of Object.entries(vars)) console.log(`export ${k}='${v}'`);
    return 0;
  },
  // Only the build (CI starts it early, in the background, so that it overlaps the tests).
  build: async () => {
    const build = await ensureTemporalBuilt(say);
    say(`Temporal server: ${build.server}; schema tool: ${build.sql}`);
    return 0;
  },
};
if (!command || !commands[command]) {
  console.error('usage: npm run cluster -- up|down|status|env|build   (data in $JALON_DATA_DIR/cluster; Temporal build cached in $JALON_CLUSTER_CACHE, default ~/.cache/jalon/temporal-v1.32.1)');
  process.exit(2);
}
commands[command]!().then((code) => process.exit(code), (error: Error) => {
  console.error(`[cluster] ${command} failed: ${error.message}`);
  if (command === 'up') console.error('[cluster] what did start is still running: `npm run cluster -- status` shows it, `npm run cluster -- down` stops it; logs in $JALON_DATA_DIR/cluster/logs');
  process.exit(1);
});
