// Child process of `npm start`: the embedded PostgreSQL. Prints one JSON line {"ready":url} when it listens.
import path from 'node:path';
import { dataDir, loadConfig } from './config';
import { tighten } from './data-dir';
import { EMBEDDED_POSTGRES_PASSWORD_FILE, readOrCreateSecret } from './secrets';
import { startEmbeddedPostgres } from './services/embedded-postgres';

const config = loadConfig();
const pg = await startEmbeddedPostgres({
  password: await readOrCreateSecret(config, EMBEDDED_POSTGRES_PASSWORD_FILE),
  dataDir: path.join(dataDir(config), 'postgres'),
  port: config.EMBEDDED_POSTGRES_PORT,
  maxConnections: config.EMBEDDED_POSTGRES_MAX_CONNECTIONS,
});
// PGlite sets some files' modes itself (pg_internal.init 0644) as it starts: private again. The folder
// is 0700 in any case, which is what keeps other users out.
await tighten(path.join(dataDir(config), 'postgres'));
console.log(JSON.stringify({ ready: pg.url }));
const stop = async () => {
  await pg.stop();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
