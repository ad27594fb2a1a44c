// Writes a migration in Prisma's layout from the change to prisma/schema.prisma:
//   npm run db:migration -- <name>            diff from the schema as of the last commit that touched
//                                             prisma/migrations (commit each migration with its schema)
//   npm run db:migration -- <name> --from-empty  the whole schema (only for a database that has none)
// Prisma's WebAssembly engine needs a live PostgreSQL to diff, even between two schema files, so an
// in-memory PGlite is started for the duration, in this process.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../platform/services/embedded-postgres';
import { projectRoot } from '../platform/tools';

const [name, ...flags] = process.argv.slice(2);
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration -- <snake_case_name> [--from-empty] [--replace]');
  process.exit(2);
}
const fromEmpty = flags.includes('--from-empty');
const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');

let fromArgs = ['--from-empty'];
if (!fromEmpty) {
  const lastCommit = execFileSync('git', ['log', '-1', '--format=%H', '--', 'prisma/migrations'], { cwd: projectRoot }).toString().trim();
  const previous = execFileSync('git', ['show', `${lastCommit}:prisma/schema.prisma`], { cwd: projectRoot }).toString();
  const tmp = path.join(mkdtempSync(path.join(os.tmpdir(), 'jalon-schema-')), 'schema.prisma');
  writeFileSync(tmp, previous);
  fromArgs = ['--from-schema-datamodel', tmp];
}

const pg = await startEmbeddedPostgres({ port: 0, maxConnections: 5 });
try {
  const placeholder = path.join(projectRoot, 'node_modules', 'prisma', 'package.json');
  // Asynchronous on purpose: the PGlite server answering Prisma runs in this very process.
  const { stdout: sql } = await promisify(execFile)(process.execPath, [path.join(projectRoot, 'node_modules', 'prisma', 'build', 'index.js'), 'migrate', 'diff',
    ...fromArgs, '--to-schema-datamodel', path.join(projectRoot, 'prisma', 'schema.prisma'), '--script'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: pg.url, PRISMA_QUERY_ENGINE_LIBRARY: placeholder, PRISMA_SCHEMA_ENGINE_BINARY: placeholder },
  });
  if (/^-- This is an empty migration/m.test(sql) || sql.trim() === '') {
    console.log('No change to the schema: no migration written.');
  } else {
    const existing = readdirSync(migrationsDir).find((d) => d.endsWith(`_${name}`));
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(migrationsDir, existing && flags.includes('--replace') ? existing : `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'migration.sql'), sql);
    console.log(`Wrote ${path.relative(projectRoot, dir)}/migration.sql`);
  }
} finally {
  await pg.stop();
}
