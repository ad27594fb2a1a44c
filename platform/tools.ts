// Where the Temporal binaries are: an explicit path wins, then the project-local install made by
// `npm install` (scripts/setup.ts). Undefined means: none here, let the SDK download its own.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const toolsDir = path.join(projectRoot, '.tools');
export const venvBin = path.join(toolsDir, 'venv', 'bin');

export function temporalCliPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TEMPORAL_CLI_PATH) return env.TEMPORAL_CLI_PATH;
  const local = path.join(venvBin, 'temporal');
  return existsSync(local) ? local : undefined;
}

export function temporalTestServerPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TEMPORAL_TEST_SERVER_PATH) return env.TEMPORAL_TEST_SERVER_PATH;
  const local = path.join(venvBin, 'temporal-test-server');
  return existsSync(local) ? local : undefined;
}
