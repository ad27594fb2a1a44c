// zod schemas of declared degrees and experience (API input, stored profiles); the rules are in domain/eligibility.ts.
import { z } from 'zod';
import { DEGREE_KINDS } from '../types';

const frenchDegreeKind = z.enum(DEGREE_KINDS).exclude(['foreign_equivalent', 'other']);
export type FrenchDegreeKind = z.infer<typeof frenchDegreeKind>;

export const declaredDegreeSchema = z
  .object({
    kind: z.enum(DEGREE_KINDS),
    /** For a foreign degree: the French degree it is claimed to be equivalent to. */
    equivalentTo: frenchDegreeKind.optional(),
    /** For a foreign degree: whether staff recognised the equivalence (e.g. an ENIC-NARIC attestation). */
    equivalenceRecognised: z.boolean().optional(),
    title: z.string().optional(),
  })
  .refine((d) => d.kind !== 'foreign_equivalent' || d.equivalentTo !== undefined, {
    error: 'a foreign degree must say which French degree it is equivalent to',
    path: ['equivalentTo'],
  });
export type DeclaredDegree = z.infer<typeof declaredDegreeSchema>;

export const eligibilityInputSchema = z.object({
  degrees: z.array(declaredDegreeSchema),
  experience: z.object({
    /** Professional experience the rules count: internships, gap years and initial work-study excluded. */
    qualifyingYears: z.number().min(0),
    /** Of those, years judged suitable for the programme ("expérience adaptée", derogation (b) with L3).
     *  When absent, qualifying years are used and the reason asks the selection jury to confirm. */
    suitableYears: z.number().min(0).optional(),
    /** Declared but not counted (internships, gap years, initial work-study): shown back to staff. */
    excludedYears: z.number().min(0).optional(),
  }),
  vappValidated: z.boolean(),
});
export type EligibilityInput = z.infer<typeof eligibilityInputSchema>;
