// Workflow code must not reach zod: zod and the domain schemas weighed about 2 MB in every cached
// workflow (issue 15). This bundles workflows/ as the worker does and looks for zod's modules in it.
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../../platform/worker';

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };
/** Module paths webpack names in the bundle, e.g. "./node_modules/zod/v4/classic/schemas.js". */
const modules = (code: string) => new Set([...code.matchAll(/["'](\.\/[^"'\s]+\.(?:[cm]?js|ts))["']/g)].map((m) => m[1] as string));

describe('the workflow bundle', () => {
  it('holds no zod module and no domain schema', async () => {
    const { code } = await workflowBundle();
    const names = [...modules(code)];
    expect(names.some((n) => n.includes('workflows/journey.ts')), 'the detector sees workflow modules').toBe(true);
    expect(names.some((n) => n.includes('domain/rules.ts')), 'workflows read the rules').toBe(true);
    expect(names.filter((n) => n.includes('node_modules/zod/'))).toEqual([]);
    expect(names.filter((n) => n.includes('domain/schemas/'))).toEqual([]);
    expect(code).not.toMatch(/node_modules\/zod\//);
  });

  it('would show zod if workflow code imported domain/index (the check can fail)', async () => {
    const { code } = await bundleWorkflowCode({ workflowsPath: path.join(import.meta.dirname, 'fixtures', 'domain-probe.ts'), logger: quiet });
    const names = [...modules(code)];
    expect(names.filter((n) => n.includes('node_modules/zod/')).length).toBeGreaterThan(10);
    expect(names.some((n) => n.includes('domain/schemas/referential.ts'))).toBe(true);
  });
});
