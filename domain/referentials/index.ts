/** The certifications this school runs. Adding one is adding a data file here. */
import type { Referential } from '../schemas/referential';
import { rncp37332 } from './rncp37332';

export const referentials: ReadonlyMap<string, Referential> = new Map([[rncp37332.code, rncp37332]]);

export function findReferential(code: string): Referential | undefined {
  return referentials.get(code);
}

export function getReferential(code: string): Referential {
  const ref = referentials.get(code);
  if (!ref) throw new RangeError(`Unknown certification "${code}"; known: ${[...referentials.keys()].join(', ')}`);
  return ref;
}

export { rncp37332 };
