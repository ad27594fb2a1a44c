// Re-records the journey histories replayed by test/replay/replay.test.ts (npm run record-histories).
// The journeys run inside vitest, which starts the test stack (embedded database, SMTP sink) they need.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['vitest', 'run', 'test/replay/record-histories.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, RECORD_HISTORIES: '1' },
});
process.exit(result.status ?? 1);
