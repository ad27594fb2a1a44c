/** Shared builders for domain tests. */
import type { Referential } from '../../domain';

/** A deep copy of referential data, so a test can break one field without touching the original. */
export function clone<T>(data: T): T {
  return structuredClone(data);
}

/** One passing result for every assessment of the given blocks (all blocks by default). */
export function passingResults(ref: Referential, grade = 12, blocks?: string[]) {
  return ref.blocks
    .filter((b) => !blocks || blocks.includes(b.code))
    .flatMap((b) => b.assessments.map((a) => ({ assessmentId: a.id, grade })));
}

export const at = (iso: string) => Date.parse(iso);
