// The project's migration runner, on the embedded database and (in CI) on a real PostgreSQL server.
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations, listMigrations } from '../../prisma/migrate';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../platform/services/embedded-postgres';

const { databases } = inject('stack');

describe.each(databases)('migrations on $name', ({ url }) => {
  it('are all applied and a second run applies nothing', async () => {
    const all = await listMigrations();
    const report = await applyMigrations(url);
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied).toBe(all.length);
  });

  it('are recorded in Prisma\'s own table with Prisma\'s checksum', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = await client.query('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name');
      const files = await listMigrations();
      expect(rows.rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
      expect(rows.rows.every((r) => r.finished_at !== null)).toBe(true);
    } finally {
      await client.end();
    }
  });
});

describe('migration runner on a fresh database', () => {
  let db: EmbeddedPostgres;
  let dir: string;
  beforeAll(async () => {
    db = await startEmbeddedPostgres({ port: 0, maxConnections: 5 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'jalon-migrations-'));
  });
  afterAll(async () => {
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const write = async (name: string, sql: string) => {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  };

  it('applies in name order, rolls back a failing migration whole, and refuses an edited one', async () => {
    await write('001_a', 'CREATE TABLE a (id int);');
    await write('002_b', 'CREATE TABLE b (id int); INSERT INTO a VALUES (1);');
    expect((await applyMigrations(db.url, dir)).applied).toEqual(['001_a', '002_b']);

    await write('003_bad', 'CREATE TABLE c (id int); SELECT * FROM no_such_table;');
    await expect(applyMigrations(db.url, dir)).rejects.toThrow(/003_bad failed and was rolled back/);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const c = await client.query("SELECT to_regclass('c') AS t");
    await client.end();
    expect(c.rows[0].t).toBeNull();

    await rm(path.join(dir, '003_bad'), { recursive: true });
    await write('001_a', 'CREATE TABLE a (id bigint);');
    await expect(applyMigrations(db.url, dir)).rejects.toThrow(/001_a was changed after it was applied/);
  });
});
