/**
 * domain/ is imported by Temporal workflow code: it must stay deterministic and free of I/O.
 * This reads the sources and checks what they import and which clock or randomness they touch.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const domainDir = fileURLToPath(new URL('../../domain/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const files = sources(domainDir).map((path) => ({ path, name: relative(domainDir, path), text: readFileSync(path, 'utf8') }));
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

describe('the domain module is pure', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [f.name, f.path, f.text]))('%s imports nothing but zod and domain files', (_, path, text) => {
    const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
    for (const s of specifiers) {
      const inside = s.startsWith('.') && resolve(dirname(path), s).startsWith(domainDir);
      expect(s === 'zod' || inside, `${s} is neither zod nor a domain file`).toBe(true);
    }
    expect(text).not.toMatch(/\brequire\(|import\(/);
  });

  // Workflows import rules.ts: the rules may use schemas/ for their types only (erased when bundled).
  it.each(files.filter((f) => !f.name.startsWith('schemas/') && f.name !== 'index.ts').map((f) => [f.name, f.text]))('%s reaches zod and the schemas for types only', (_, text) => {
    const runtime = [...text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);
    expect(runtime.filter((s) => s === 'zod' || s.includes('schemas/'))).toEqual([]);
  });

  it.each(files.map((f) => [f.name, f.text]))('%s reads no clock, randomness or environment', (_, text) => {
    const c = code(text);
    expect(c).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random|performance\.now|process\.|globalThis|setTimeout|fetch\(/);
  });
});
