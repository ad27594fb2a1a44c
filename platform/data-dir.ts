// The data folder of the embedded services holds every personal record, the mail archive (with live
// links) and the secrets: only the user running Jalon may read it. Files 0600, folders 0700, created so
// from the start (umask, inherited by every child process) and tightened at each start for folders
// made by an earlier version.
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

export const PRIVATE_UMASK = 0o077;

export async function preparePrivateDataDir(dir: string): Promise<{ tightened: number }> {
  process.umask(PRIVATE_UMASK);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return { tightened: await tighten(dir) };
}

/**
 * chmod go-rwx over the tree; answers how many entries it changed. Links, entries of another user and a
 * shared folder (sticky bit, as /tmp) are left alone: a mistaken JALON_DATA_DIR must not lock others out.
 */
export async function tighten(target: string): Promise<number> {
  const stat = await lstat(target);
  if (stat.isSymbolicLink() || (stat.mode & 0o1000) !== 0 || stat.uid !== process.getuid?.()) return 0;
  let changed = 0;
  if ((stat.mode & 0o077) !== 0) {
    await chmod(target, stat.mode & 0o700);
    changed += 1;
  }
  if (stat.isDirectory()) {
    for (const name of await readdir(target)) changed += await tighten(path.join(target, name));
  }
  return changed;
}
