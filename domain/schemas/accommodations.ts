// zod schema of a candidate's accommodations (API input); the rules are in domain/accommodations.ts.
import { z } from 'zod';

export const accommodationsSchema = z.object({
  /** Extra time as a percentage of the step's duration, e.g. 33 for "tiers temps". */
  extraTimePercent: z.number().min(0).max(100).default(0),
  /** Other granted accommodations, for staff and assessors (not used in computations). */
  other: z.array(z.string()).default([]),
});
export type Accommodations = z.input<typeof accommodationsSchema>;
