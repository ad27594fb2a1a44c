import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Temporal's native bridge and webpack bundling are safest in child processes.
    pool: 'forks',
    // One file at a time: the time-skipping server skips timers (the workflow task timeout among them)
    // while a worker starved of CPU by a parallel file is still busy, which stalled a journey test in CI.
    // Serial costs about two minutes on 2 cores and keeps the suite deterministic.
    fileParallelism: false,
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/runtime.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    include: ['test/**/*.test.ts'],
    reporters: ['default'],
  },
});
