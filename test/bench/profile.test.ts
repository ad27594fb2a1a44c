// The bench's CPU profile summary, on real profiles: one written by `node --cpu-prof`, one by the hook
// the bench loads into the system's processes, of a script that spins in a function of a known name.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readProfile, summarizeProfiles } from '../../bench/profile';
import { configsOf } from '../../bench/args';
import { statementKind } from '../../bench/postgres';
import { cpuSpent, threadCpu } from '../../bench/thread-cpu';
import { projectRoot } from '../../platform/tools';

const dir = mkdtempSync(path.join(os.tmpdir(), 'jalon-profile-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Prints the monotonic clock (µs) around the spin, as the bench records its measured window.
const script = path.join(dir, 'spin.mjs');
writeFileSync(script, `
const now = () => Number(process.hrtime.bigint() / 1000n);
function idleWarmup() { let s = 0; for (let i = 0; i < 2e6; i++) s += i; return s; }
function spinForTheProfile(ms) { const end = Date.now() + ms; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1); return x; }
idleWarmup();
const from = now();
spinForTheProfile(400);
console.log(JSON.stringify({ from, to: now() }));
`);

describe('CPU profile summary', () => {
  it('ranks self time of a --cpu-prof profile by function and by module, and keeps only the window asked', () => {
    const out = path.join(dir, 'cli');
    const window = JSON.parse(execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', out, script]).toString()) as { from: number; to: number };
    const [file] = readdirSync(out);
    const profile = readProfile(path.join(out, file!));
    const whole = summarizeProfiles([profile]);
    expect(whole.functions[0]!.what).toMatch(/^spinForTheProfile .*spin\.mjs:\d+$/);
    expect(whole.functions[0]!.share).toBeGreaterThan(0.5);
    // At most the top 15, largest first.
    expect(whole.functions.length).toBeGreaterThan(1);
    expect(whole.functions.length).toBeLessThanOrEqual(15);
    expect(whole.functions.map((f) => f.selfMs)).toEqual(whole.functions.map((f) => f.selfMs).sort((a, b) => b - a));
    expect(whole.modules[0]!.what).toBe(script);
    // The spin ran ~400 ms: its samples, at ~1 ms each, add up to that order (not a speed: a count).
    expect(whole.functions[0]!.selfMs).toBeGreaterThan(100);
    const inWindow = summarizeProfiles([profile], { fromUs: window.from, toUs: window.to });
    expect(inWindow.functions[0]!.what).toMatch(/^spinForTheProfile/);
    expect(inWindow.samples).toBeLessThan(whole.samples);
    expect(inWindow.functions.some((f) => f.what.startsWith('idleWarmup'))).toBe(false);
    const before = summarizeProfiles([profile], { fromUs: 0, toUs: window.from - 1_000_000 });
    expect(before.samples).toBe(0);
    // Two processes add up.
    expect(summarizeProfiles([profile, profile]).busyMs).toBeCloseTo(2 * whole.busyMs);
  });

  it('the hook loaded by NODE_OPTIONS writes <pid>.cpuprofile on exit, read the same way', () => {
    const out = path.join(dir, 'hook');
    execFileSync(process.execPath, [script], {
      env: { ...process.env, JALON_CPU_PROFILE_DIR: out, NODE_OPTIONS: `--import ${path.join(projectRoot, 'bench', 'cpu-profile-hook.mjs')}` },
    });
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d+\.cpuprofile$/);
    const summary = summarizeProfiles([readProfile(path.join(out, files[0]!))]);
    expect(summary.functions[0]!.what).toMatch(/^spinForTheProfile/);
  });
});

describe('CPU by thread', () => {
  it('reads the CPU the main thread of this process spent, from /proc', () => {
    const before = threadCpu([process.pid]);
    const start = process.cpuUsage().user;
    let x = 0;
    while (process.cpuUsage().user - start < 300_000) for (let i = 0; i < 100_000; i++) x += Math.sqrt(x + 1);
    const spent = cpuSpent(before, threadCpu([process.pid]));
    expect(x).toBeGreaterThan(0);
    expect(spent.find((t) => t.thread === 'main')!.seconds).toBeGreaterThanOrEqual(0.2);
    expect(threadCpu([2 ** 22 + 12345])).toEqual({}); // no such process: nothing, no error
  });
});

describe('bench words', () => {
  it('names a statement by its verb and first table', () => {
    expect(statementKind('SELECT "public"."OutboxEmail"."id" FROM "public"."OutboxEmail" WHERE "updatedAt" < $1 FOR UPDATE SKIP LOCKED')).toBe('SELECT OutboxEmail');
    expect(statementKind('INSERT INTO "public"."AuditEvent" ("id") VALUES ($1)')).toBe('INSERT AuditEvent');
    expect(statementKind('UPDATE "public"."JourneyView" SET "stage" = $1')).toBe('UPDATE JourneyView');
    expect(statementKind('BEGIN')).toBe('BEGIN');
    expect(statementKind('select pg_notify($1, $2)')).toBe('SELECT pg_notify');
  });

  it('refuses an unknown configuration in a sentence naming the choices', () => {
    expect(configsOf()).toEqual(['embedded']);
    expect(configsOf(undefined, 'all')).toEqual(['embedded', 'postgres', 'split']);
    expect(configsOf('split')).toEqual(['split']);
    expect(() => configsOf('cluster')).toThrow('--config: no configuration "cluster"; choose among embedded, postgres, split');
  });
});
