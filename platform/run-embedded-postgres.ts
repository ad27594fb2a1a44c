// Child process of `npm start`: the embedded PostgreSQL. Prints one JSON line {"ready":url} when it listens.
import path from 'node:path';
import { dataDir, loadConfig } from './config';
import { startEmbeddedPostgres } from './services/embedded-postgres';

const config = loadConfig();
const pg = await startEmbeddedPostgres({
  dataDir: path.join(dataDir(config), 'postgres'),
  port: config.EMBEDDED_POSTGRES_PORT,
  maxConnections: config.EMBEDDED_POSTGRES_MAX_CONNECTIONS,
});
console.log(JSON.stringify({ ready: pg.url }));
const stop = async () => {
  await pg.stop();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
