// The document store on a real folder and the real database: content addressing, atomic writes that
// survive a SIGKILL, files that survive a restart, nothing stored for a refused file, files per person.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LocalBlobStore, sha256Of } from '../../documents/blob-store';
import { addPieceVersion, pieceHistory } from '../../documents/pieces';
import { FileRefused, filesOfPerson, openFile, storeFile, type DocumentStore } from '../../documents/store';
import { createDatabase, type Database } from '../../platform/database';
import { executable, pdf, png } from './files';

const stack = inject('stack');
let db: Database;
let root: string;
let store: DocumentStore;

beforeAll(async () => {
  db = createDatabase(stack.databaseUrl);
  root = await mkdtemp(path.join(os.tmpdir(), 'jalon-files-'));
  store = { db, blobs: new LocalBlobStore(root), maxBytes: 1024 * 1024 };
});
afterAll(async () => db?.$disconnect());

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) out.push(path.join(entry.parentPath, entry.name));
  return out;
}

describe('document store', () => {
  it('keeps the bytes once under their SHA-256, private, with one row per upload and owner', async () => {
    const owner = `candidate:${randomUUID()}`;
    const bytes = pdf('same bytes twice');
    const a = await storeFile(store, { fileName: 'cv.pdf', bytes }, { ownerRef: owner, uploadedBy: owner });
    const b = await storeFile(store, { fileName: 'cv (2).pdf', bytes }, { ownerRef: owner, uploadedBy: owner });
    expect(a.sha256).toBe(sha256Of(bytes));
    expect(b.sha256).toBe(a.sha256);
    const onDisk = (await filesUnder(root)).filter((f) => f.endsWith(a.sha256));
    expect(onDisk).toHaveLength(1);
    expect((await stat(onDisk[0]!)).mode & 0o777).toBe(0o600);
    expect(await readFile(onDisk[0]!)).toEqual(bytes);
    expect((await filesOfPerson(db, owner)).map((f) => f.fileName)).toEqual(['cv.pdf', 'cv (2).pdf']);
    expect(a).toMatchObject({ mediaType: 'application/pdf', sizeBytes: bytes.length, backend: 'local' });
  });

  it('stores nothing, neither row nor bytes, for a refused file', async () => {
    const owner = `candidate:${randomUUID()}`;
    const before = await filesUnder(root);
    for (const file of [
      { fileName: 'cv.pdf', bytes: executable() },
      { fileName: 'cv.pdf', bytes: new Uint8Array() },
      { fileName: '../cv.pdf', bytes: pdf() },
      { fileName: 'big.pdf', bytes: Buffer.concat([pdf(), Buffer.alloc(1024 * 1024)]) },
    ]) {
      await expect(storeFile(store, file, { ownerRef: owner, uploadedBy: owner })).rejects.toBeInstanceOf(FileRefused);
    }
    expect(await filesOfPerson(db, owner)).toEqual([]);
    expect(await filesUnder(root)).toEqual(before);
  });

  it('keeps every version of a piece: replacing adds one, the earlier stays readable', async () => {
    const candidateId = randomUUID();
    const owner = `candidate:${candidateId}`;
    const first = await storeFile(store, { fileName: 'cv-2025.pdf', bytes: pdf('first') }, { ownerRef: owner, uploadedBy: owner });
    const second = await storeFile(store, { fileName: 'cv-2026.png', bytes: png() }, { ownerRef: owner, uploadedBy: owner });
    expect(await addPieceVersion(db, candidateId, 'cv', first.id)).toBe(1);
    expect(await addPieceVersion(db, candidateId, 'cv', second.id)).toBe(2);
    const history = (await pieceHistory(db, candidateId)).get('cv')!;
    expect(history.map((v) => [v.version, v.fileName])).toEqual([[2, 'cv-2026.png'], [1, 'cv-2025.pdf']]);
    expect((await openFile(store, first.id))!.bytes).toEqual(pdf('first'));
  });

  it('a stored file survives a restart: a new store and a new connection read it back', async () => {
    const owner = `candidate:${randomUUID()}`;
    const row = await storeFile(store, { fileName: 'diplome.pdf', bytes: pdf('diplôme') }, { ownerRef: owner, uploadedBy: owner });
    const db2 = createDatabase(stack.databaseUrl);
    try {
      const again = await openFile({ db: db2, blobs: new LocalBlobStore(root) }, row.id);
      expect(again?.file.fileName).toBe('diplome.pdf');
      expect(again?.bytes).toEqual(pdf('diplôme'));
    } finally {
      await db2.$disconnect();
    }
  });

  it('a writer killed with SIGKILL leaves whole files only: every stored name is the hash of its bytes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'jalon-kill-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'blob-writer.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const written: string[] = [];
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        written.push(...chunk.toString().split('\n').filter(Boolean));
        // Killed in the middle of later writes: some whole, one (likely) half-written temporary file.
        if (written.length >= 3) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code, signal) => (signal ? resolve() : reject(new Error(`writer exited with ${code}`))));
    });
    await new Promise((r) => child.once('close', r));
    const blobs = new LocalBlobStore(dir);
    const all = await filesUnder(dir);
    const stored = all.filter((f) => !path.basename(f).startsWith('.tmp-'));
    expect(stored.length).toBeGreaterThanOrEqual(3);
    for (const file of stored) expect(sha256Of(await readFile(file))).toBe(path.basename(file));
    for (const sha of written) expect(await blobs.has(sha)).toBe(true);
    const temporary = await blobs.temporaryFiles();
    expect(await blobs.sweepTemporary()).toBe(temporary.length);
    expect(await blobs.temporaryFiles()).toEqual([]);
  });
});
