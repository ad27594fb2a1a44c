// The secret that signs action-link forms (CSRF). Production sets ACTION_LINK_SECRET; on the embedded
// defaults one is made once and kept in the data folder, so a page shown before a restart still submits.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDir, type Config } from './config';

export async function readActionLinkSecret(config: Config): Promise<string> {
  if (config.ACTION_LINK_SECRET) return config.ACTION_LINK_SECRET;
  if (config.NODE_ENV === 'production') {
    throw new Error('ACTION_LINK_SECRET must be set in production (at least 32 characters): it signs the action-link forms.');
  }
  const file = path.join(dataDir(config), 'action-link-secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString('hex');
    await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
    return (await readFile(file, 'utf8')).trim();
  }
}
