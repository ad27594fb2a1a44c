// Where the bytes of stored files live: a small interface, so that another backend (an S3-compatible
// server, say) can be added beside the local one. The local backend keeps each file once, under its
// SHA-256 (files/ab/cd/abcd…), written atomically: a temporary file in the same folder, fsync, rename,
// fsync of the folder. A crash (even SIGKILL) leaves either the whole file or none, never a part.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface BlobStore {
  /** Its name, kept on each StoredFile row. */
  readonly backend: string;
  /** Stores the bytes (idempotent: the same bytes twice are kept once); answers their SHA-256. */
  put(bytes: Uint8Array): Promise<string>;
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  remove(sha256: string): Promise<void>;
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const SHA256 = /^[0-9a-f]{64}$/;

export class LocalBlobStore implements BlobStore {
  readonly backend = 'local';
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${sha256.slice(0, 80)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Of(bytes);
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return sha256;
    const dir = path.dirname(target);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // The temporary name starts with a dot and is never a SHA-256: a reader never mistakes it for a file.
    const temp = path.join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    await syncFolder(dir);
    return sha256;
  }

  async get(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then((s) => s.isFile(), () => false);
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  /** Temporary files left by a write that was killed midway (removed at start by `sweepTemporary`). */
  async temporaryFiles(): Promise<string[]> {
    const found: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.name.startsWith('.tmp-')) found.push(full);
      }
    };
    await walk(this.root);
    return found;
  }

  async sweepTemporary(): Promise<number> {
    const left = await this.temporaryFiles();
    await Promise.all(left.map((f) => rm(f, { force: true })));
    return left.length;
  }
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
