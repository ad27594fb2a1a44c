// zod schema of the recorded results a completion check reads; the rule itself is in domain/completion.ts.
import { z } from 'zod';
import { ROUTES } from '../types';
import type { Referential } from '../schemas/referential';
import { completionOf, type CompletionResult } from '../completion';
import { isoDateSchema } from './calendar';
import { internshipPeriodSchema } from './internship';

const isoDate = isoDateSchema;
const reviewStatus = z.enum(['missing', 'submitted', 'validated', 'rejected']);
export type ReviewStatus = z.infer<typeof reviewStatus>;

export const completionInputSchema = z.object({
  route: z.enum(ROUTES),
  enrolment: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('full') }),
    z.object({ kind: z.literal('blocks'), blocks: z.array(z.string()).min(1) }),
  ]),
  assessmentResults: z
    .array(z.object({ assessmentId: z.string(), grade: z.number().min(0), attempt: z.number().int().positive().default(1) }))
    .default([]),
  internshipPeriods: z.array(internshipPeriodSchema).default([]),
  thesis: z
    .object({ status: z.enum(['not_submitted', 'submitted', 'defended']), grade: z.number().min(0).optional() })
    .default({ status: 'not_submitted' }),
  vae: z
    .object({ evidence: z.record(z.string(), reviewStatus).default({}), inDepthWork: reviewStatus.default('missing') })
    .optional(),
  /** Planned date of the certification jury, to check the registration is still valid then. */
  juryDate: isoDate.optional(),
});
export type CompletionInput = z.input<typeof completionInputSchema>;
/** The input once validated, defaults filled in: what the completion rule reads. */
export type CompletionFacts = z.output<typeof completionInputSchema>;

/** Validates the recorded results, then applies the completion rule (domain/completion.ts). */
export function assessCompletion(rawInput: CompletionInput, ref: Referential): CompletionResult {
  return completionOf(completionInputSchema.parse(rawInput), ref);
}
