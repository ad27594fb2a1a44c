// zod schema of a quota check's input; the rules are in domain/quotas.ts.
import { z } from 'zod';
import { ELIGIBILITY_CATEGORIES } from '../types';

const count = z.number().int().min(0);

export const quotaInputSchema = z.object({
  /** Candidates currently admitted to the cohort, by category (withdrawn excluded). */
  admitted: z.object({ byRight: count, derogationA: count, derogationB: count }),
  candidateCategory: z.enum(ELIGIBILITY_CATEGORIES),
  /** Set when the intake is flagged as a specific recruitment context (sector or company reorganisation). */
  specificRecruitmentContext: z.object({ justification: z.string() }).nullish(),
  /** Planned size of the cohort, if known: used only to tell staff whether a deferred admission can fit. */
  plannedCapacity: count.optional(),
});
export type QuotaInput = z.infer<typeof quotaInputSchema>;
