// Secrets the embedded defaults make once and keep in the data folder (mode 0600): the action-link
// signing secret (production sets ACTION_LINK_SECRET) and the embedded PostgreSQL's password.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDir, type Config } from './config';

/** Reads a secret file of the data folder, creating it (random, 0600) the first time; concurrent callers agree. */
export async function readOrCreateSecret(config: Config, name: string): Promise<string> {
  const file = path.join(dataDir(config), name);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' }).catch(() => undefined);
    return (await readFile(file, 'utf8')).trim();
  }
}

export async function readActionLinkSecret(config: Config): Promise<string> {
  if (config.ACTION_LINK_SECRET) return config.ACTION_LINK_SECRET;
  if (config.NODE_ENV === 'production') {
    throw new Error('ACTION_LINK_SECRET must be set in production (at least 32 characters): it signs the action-link forms.');
  }
  return readOrCreateSecret(config, 'action-link-secret');
}

export const EMBEDDED_POSTGRES_PASSWORD_FILE = 'postgres-password';

/** The embedded PostgreSQL's URL with its password, for tools run beside `npm start` (npm run api-key). */
export async function embeddedDatabaseUrl(config: Config): Promise<string> {
  const password = await readOrCreateSecret(config, EMBEDDED_POSTGRES_PASSWORD_FILE);
  return `postgresql://postgres:${password}@127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}/postgres`;
}
