// What staff may say about a new candidate, shared by the JSON route and the CSV import, and the
// journey input derived from it. Blocks are checked against the cohort's referential.
import { z } from 'zod';
import { displayText } from './common';
import { accommodationsSchema, eligibilityInputSchema, ROUTES, type Referential } from '../../domain/index';
import type { JourneyInput } from '../../workflows/messages';

export const candidateFields = {
  externalRef: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only').optional()
    .describe('The school\'s own reference (application number): makes re-imports safe.'),
  firstName: displayText(100),
  lastName: displayText(100),
  email: z.email().max(254),
  phone: z.string().trim().regex(/^\+?[0-9 .()-]{6,20}$/, 'a phone number such as +33 6 12 34 56 78').optional(),
  route: z.enum(ROUTES),
  language: z.enum(['fr', 'en']).default('fr'),
  enrolledBlocks: z.array(z.string().regex(/^[A-Z]{2}[0-9]{2}$/, 'a block code such as BC01')).min(1).max(20).optional()
    .describe('Block-only enrolment; absent: every block of the referential.'),
  accommodations: accommodationsSchema.optional(),
  declaredProfile: eligibilityInputSchema.optional().describe('Declared degrees and experience, for the eligibility rules.'),
};

export const createCandidateBody = z.strictObject({ cohortId: z.uuid(), ...candidateFields });
export type CandidateFields = z.infer<z.ZodObject<typeof candidateFields>>;

/**
 * Created, but the eligibility rules will have nothing to apply: said to staff now, in the response, since
 * the journey otherwise learns it only once the dossier is complete (and ends there, not admissible).
 */
export function profileWarnings(declaredProfile: unknown): { path: string; message: string }[] {
  if (eligibilityInputSchema.safeParse(declaredProfile).success) return [];
  return [{
    path: 'body.declaredProfile',
    message: 'No complete declared profile (degrees, experience.qualifyingYears, vappValidated): the eligibility rules cannot apply. '
      + 'Once the dossier is complete, the journey will end as not admissible and the candidate will be asked to send their profile. '
      + 'Send declaredProfile with the candidate (the online application /apply collects it).',
  }];
}

/** Refusals that depend on the cohort's referential, as [path, message] pairs. */
export function referentialIssues(fields: Pick<CandidateFields, 'enrolledBlocks' | 'route'>, ref: Referential): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const known = new Set(ref.blocks.map((b) => b.code));
  for (const [i, code] of (fields.enrolledBlocks ?? []).entries()) {
    if (!known.has(code)) issues.push({ path: `enrolledBlocks.${i}`, message: `${code} is not a block of ${ref.code} (blocks: ${[...known].join(', ')})` });
  }
  if (fields.enrolledBlocks && !ref.blockOnlyEnrolment) issues.push({ path: 'enrolledBlocks', message: `${ref.code} does not allow block-only enrolment` });
  return issues;
}

export function journeyInputOf(
  candidate: { id: string; cohortId: string; route: string; enrolledBlocks: string[]; accommodations: unknown },
  cohort: { referentialCode: string; endsOn: Date | null },
): JourneyInput {
  const extra = (candidate.accommodations as { extraTimePercent?: number } | null)?.extraTimePercent ?? 0;
  return {
    referentialCode: cohort.referentialCode,
    candidateId: candidate.id,
    cohortId: candidate.cohortId,
    route: candidate.route as JourneyInput['route'],
    ...(candidate.enrolledBlocks.length > 0 ? { enrolledBlocks: candidate.enrolledBlocks } : {}),
    ...(extra > 0 ? { extraTimePercent: extra } : {}),
    ...(cohort.endsOn ? { programmeEndsOn: cohort.endsOn.toISOString().slice(0, 10) } : {}),
  };
}
