// A child process for the SIGKILL test: writes 4 MB files to the local blob store, one after another,
// and prints each SHA-256 once it is stored, until it is killed.
import { randomBytes } from 'node:crypto';
import { LocalBlobStore } from '../../documents/blob-store';

const store = new LocalBlobStore(process.argv[2]!);
for (;;) {
  const sha = await store.put(randomBytes(4 * 1024 * 1024));
  process.stdout.write(`${sha}\n`);
}
