// One catalogue: every refusal code the workflows can send has its words, French and English, in
// activities/wording/refusals.ts (an unknown code would reach people as "Décision refusée (code)").
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES, refusalWords } from '../../activities/wording/refusals';
import { expectNoCodes } from '../support/person-facing';

const WORKFLOWS = join(import.meta.dirname, '..', '..', 'workflows');
/** Source files of the current code (v1 is frozen and still sends its own words). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return f === 'v1' ? [] : sources(path);
    return f.endsWith('.ts') ? [path] : [];
  });
}
const codes = [...new Set(sources(WORKFLOWS).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/refuse\('\w+', '([a-z_]+)'/g)].map((m) => m[1]!)))].sort();

describe('refusal wording', () => {
  it('finds the refusal codes in the workflows', () => {
    expect(codes.length).toBeGreaterThan(40);
    expect(codes).toEqual(expect.arrayContaining(['wrong_stage', 'reserve_decided', 'justification_required', 'grade_out_of_scale']));
  });

  it('has words for every one, in French and English, without codes', () => {
    expect(codes.filter((c) => !REFUSAL_CODES.includes(c))).toEqual([]);
    for (const code of codes) {
      const words = refusalWords(code, { stage: 'awaiting_quota', used: 1, scale: 20, wave: 6, block: 'BC01', assessment: 'x', item: 'x', referentialCode: 'RNCP37332', date: '2027-01-01', endDate: '2027-01-01', members: '[]' });
      // (A code that is one word, like "suspended", may be a word of the sentence.)
      if (code.includes('_')) expect(`${words.fr} ${words.en}`, code).not.toContain(code);
      expect(words.fr, code).not.toMatch(/^Décision refusée \(/);
      expectNoCodes(words.fr, words.en);
    }
  });
});
