/**
 * The shape of a certification referential, as a zod schema. A certification is a data file that
 * passes `parseReferential`; the engine reads nothing else, so another RNCP certification is new data,
 * not new code. Validation messages name the path of the faulty field (e.g. `blocks[1].competencies`).
 */
import { SELECTION_REVIEW_RULES } from '../selection-reviews';
import { z } from 'zod';
import { ADMISSION_PIECE_KINDS, DEADLINE_STEPS, DEGREE_KINDS, ROUTES, STEP_ACTORS } from '../types';
import type { DeadlineStep } from '../types';
import { tryDurationMs } from '../durations';
import { isoDateSchema } from './calendar';
import { referentials } from '../referentials/index';

const text = z.string().trim().min(1, 'must not be empty');
const label = z.object({ fr: text, en: text });
const isoDate = isoDateSchema;
const percent = z.number().min(0, 'a percentage is at least 0').max(100, 'a percentage is at most 100');
const duration = z
  .union([z.number(), z.string()])
  .refine((d) => tryDurationMs(d) !== undefined, {
    error: 'must be a number of days or an ISO 8601 duration with W, D, H or M (e.g. "P7D", "PT48H")',
  });

const expectedLength = z.object({
  pages: z.number().int().positive().optional(),
  /** "une dizaine de pages": the page count is indicative. */
  approximate: z.boolean().default(false),
  /** Time given to produce the work (e.g. one week in a target company). */
  timeAllowed: duration.optional(),
  note: label.optional(),
});

const assessmentSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lowercase slug such as "bc01-audit-file"'),
  title: label,
  /** What the candidate is asked to do, from the official record (French). */
  description: text,
  mode: z.enum(['individual', 'collective']),
  /** Collective work may still be marked per candidate ("évaluation individuelle"). */
  individualMark: z.boolean(),
  defence: z.enum(['none', 'individual', 'collective']),
  expectedLength: expectedLength.optional(),
  /** Overrides the referential's pass mark for this assessment only. */
  passMark: z.number().min(0).optional(),
});

const blockSchema = z.object({
  code: z.string().regex(/^BC\d{2}$/, 'must be a block code such as "BC01"'),
  title: label,
  competencies: z.array(text).min(1, 'a block needs at least one competency'),
  assessments: z.array(assessmentSchema).min(1, 'a block needs at least one assessment'),
});

const byRightDegree = z.enum(DEGREE_KINDS).exclude(['foreign_equivalent', 'other']);

const degreeCondition = z.object({
  degree: byRightDegree,
  minExperienceYears: z.number().min(0).default(0),
  /** 'suitable': experience judged relevant to the programme ("expérience adaptée"). */
  experience: z.enum(['qualifying', 'suitable']).default('qualifying'),
  label,
});

const admissionSchema = z
  .object({
    /** How several selection reviewers' opinions combine (domain/selection-reviews.ts); default: all agree, else staff decide. */
    selectionReviews: z.enum(SELECTION_REVIEW_RULES).default('all_agree'),
    pieces: z
      .array(z.object({ kind: z.enum(ADMISSION_PIECE_KINDS), label, required: z.boolean() }))
      .min(1, 'an application needs at least one piece'),
    byRight: z.array(degreeCondition).min(1, 'at least one by-right admission condition is needed'),
    foreignEquivalentAccepted: z.boolean(),
    derogations: z.object({
      a: z
        .object({ requiresVapp: z.boolean(), minExperienceYears: z.number().min(0), maxPercent: percent, label })
        .nullable(),
      b: z
        .object({ conditions: z.array(degreeCondition).min(1, 'derogation (b) needs a condition'), maxPercent: percent, label })
        .nullable(),
      combinedMaxPercent: percent,
      /** Raised ceiling when the intake is a justified specific recruitment context; null if none. */
      specificContextCombinedMaxPercent: percent.nullable(),
    }),
  })
  .superRefine((adm, ctx) => {
    const d = adm.derogations;
    if (d.specificContextCombinedMaxPercent !== null && d.specificContextCombinedMaxPercent < d.combinedMaxPercent) {
      ctx.addIssue({
        code: 'custom',
        path: ['derogations', 'specificContextCombinedMaxPercent'],
        message: 'must not be lower than combinedMaxPercent',
      });
    }
    const kinds = adm.pieces.map((p) => p.kind);
    kinds.forEach((k, i) => {
      if (kinds.indexOf(k) !== i) ctx.addIssue({ code: 'custom', path: ['pieces', i, 'kind'], message: `duplicate piece "${k}"` });
    });
  });

const stepSchema = z
  .object({
    actor: z.enum(STEP_ACTORS),
    duration,
    /** Reminders are sent this long before the deadline. */
    remindersBefore: z.array(duration),
    /** Staff are alerted this long after a missed deadline. */
    escalateAfter: duration,
    /** Whether a candidate's extra-time accommodation lengthens this step (candidate steps only). */
    extendedByAccommodations: z.boolean(),
  })
  .superRefine((step, ctx) => {
    const total = tryDurationMs(step.duration);
    if (total !== undefined && total <= 0) {
      ctx.addIssue({ code: 'custom', path: ['duration'], message: 'a deadline duration must be positive' });
    }
    step.remindersBefore.forEach((r, i) => {
      const ms = tryDurationMs(r);
      if (ms !== undefined && total !== undefined && (ms <= 0 || ms >= total)) {
        ctx.addIssue({
          code: 'custom',
          path: ['remindersBefore', i],
          message: 'a reminder must come strictly between the start and the deadline',
        });
      }
    });
    if (step.extendedByAccommodations && step.actor !== 'candidate') {
      ctx.addIssue({
        code: 'custom',
        path: ['extendedByAccommodations'],
        message: `accommodations extend candidate steps only, not ${step.actor} steps`,
      });
    }
  });

// Every step of the journey must be configured: a workflow never meets a missing deadline.
const deadlinesSchema = z.object(
  Object.fromEntries(DEADLINE_STEPS.map((s) => [s, stepSchema])) as Record<DeadlineStep, typeof stepSchema>,
);

export const referentialSchema = z
  .object({
    code: z.string().regex(/^RNCP\d+$/, 'must be an RNCP code such as "RNCP37332"'),
    title: label,
    level: z.number().int().min(1).max(8),
    certifier: z.object({
      name: text,
      siret: z.string().regex(/^\d{14}$/, 'a SIRET has 14 digits').optional(),
      // A regex rather than z.url(): no dependence on the URL global inside the workflow sandbox.
      website: z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) address').optional(),
    }),
    registration: z.object({ startDate: isoDate.optional(), endDate: isoDate }),
    nsfCodes: z.array(z.object({ code: z.string().regex(/^\d{3}[a-z]?$/, 'must be an NSF code such as "312" or "320p"'), label: text })).min(1),
    romeCodes: z.array(z.object({ code: z.string().regex(/^[A-N]\d{4}$/, 'must be a ROME code such as "M1707"'), label: text })).min(1),
    formacodes: z.array(z.object({ code: z.string().regex(/^\d{5}$/), label: text })).default([]),
    routes: z.array(z.enum(ROUTES)).min(1),
    grading: z
      .object({ scale: z.number().positive(), passMark: z.number().min(0) })
      .refine((g) => g.passMark <= g.scale, { error: 'passMark must not exceed the scale', path: ['passMark'] }),
    blocks: z.array(blockSchema).min(1, 'a certification needs at least one block'),
    /** "Chaque bloc de compétences est autonome et peut être obtenu individuellement." */
    blockOnlyEnrolment: z.boolean(),
    completion: z.object({
      nonVae: z.object({
        /** null: no internship requirement. */
        internshipMinFteMonths: z.number().positive().nullable(),
        thesisRequired: z.boolean(),
      }),
      vae: z.object({
        inDepthWorkRequired: z.boolean(),
        inDepthWorkExamples: z.array(text).default([]),
      }),
    }),
    internship: z.object({
      fullTimeWeeklyHours: z.number().positive(),
      /** Calendar days that make one month at full time (see domain/internship.ts). */
      fteMonthDays: z.number().min(28).max(31),
    }),
    admission: admissionSchema,
    jury: z.object({
      certification: z.object({
        schoolMembers: z.number().int().min(0),
        externalProfessionals: z.number().int().min(0),
        externalsMustBeInActivity: z.boolean(),
        excludeCandidateTrainersAndAssessors: z.boolean(),
      }),
    }),
    deadlines: deadlinesSchema,
    followUp: z.object({
      surveyMonthsAfterCertification: z.array(z.number().int().positive()).default([]),
    }),
  })
  .superRefine((ref, ctx) => {
    const codes = ref.blocks.map((b) => b.code);
    codes.forEach((c, i) => {
      if (codes.indexOf(c) !== i) ctx.addIssue({ code: 'custom', path: ['blocks', i, 'code'], message: `duplicate block code "${c}"` });
    });
    const ids = new Set<string>();
    ref.blocks.forEach((b, i) =>
      b.assessments.forEach((a, j) => {
        if (ids.has(a.id)) ctx.addIssue({ code: 'custom', path: ['blocks', i, 'assessments', j, 'id'], message: `duplicate assessment id "${a.id}"` });
        ids.add(a.id);
        if (a.passMark !== undefined && a.passMark > ref.grading.scale) {
          ctx.addIssue({ code: 'custom', path: ['blocks', i, 'assessments', j, 'passMark'], message: 'passMark must not exceed the grading scale' });
        }
      }),
    );
    const { startDate, endDate } = ref.registration;
    if (startDate !== undefined && startDate >= endDate) {
      ctx.addIssue({ code: 'custom', path: ['registration', 'endDate'], message: 'must be after registration.startDate' });
    }
    const jury = ref.jury.certification;
    if (jury.schoolMembers + jury.externalProfessionals < 1) {
      ctx.addIssue({ code: 'custom', path: ['jury', 'certification'], message: 'a jury needs at least one member' });
    }
  });

export type ReferentialInput = z.input<typeof referentialSchema>;
export type Referential = z.output<typeof referentialSchema>;
export type Block = Referential['blocks'][number];
export type Assessment = Block['assessments'][number];
export type DegreeCondition = z.output<typeof degreeCondition>;
export type StepConfig = z.output<typeof stepSchema>;

export interface ReferentialIssue {
  /** Dotted path with indices, e.g. "blocks[1].competencies". */
  path: string;
  message: string;
}

export class ReferentialValidationError extends Error {
  override readonly name = 'ReferentialValidationError';
  constructor(
    readonly referentialCode: string,
    readonly issues: ReferentialIssue[],
  ) {
    super(
      `Invalid referential ${referentialCode}:\n` + issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n'),
    );
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc === '' ? String(key) : `${acc}.${String(key)}`;
  }, '');
}

/** Validates referential data; throws ReferentialValidationError listing every faulty path. */
export function parseReferential(data: unknown): Referential {
  const result = referentialSchema.safeParse(data);
  if (result.success) return result.data;
  const code =
    typeof data === 'object' && data !== null && typeof (data as { code?: unknown }).code === 'string'
      ? (data as { code: string }).code
      : '(unknown code)';
  throw new ReferentialValidationError(
    code,
    result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  );
}

/**
 * Checks every registered referential against its schema (the worker calls this when it starts; tests too).
 * Workflows read the data files as they are, without zod: a file that passes only thanks to a schema default
 * or a trim would be read differently by workflows, so that is refused too, naming the first such path.
 */
export function validateReferentials(all: Iterable<Referential> = referentials.values()): void {
  for (const data of all) {
    const parsed = parseReferential(data);
    const differs = firstDifference(data, parsed, []);
    if (differs !== undefined) {
      throw new ReferentialValidationError(parsed.code, [
        { path: formatPath(differs), message: 'the schema fills in or rewrites this value: write it out in the data file as parsing gives it' },
      ]);
    }
  }
}

function firstDifference(a: unknown, b: unknown, path: PropertyKey[]): PropertyKey[] | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b) ? undefined : path;
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const key: PropertyKey = Array.isArray(a) ? Number(k) : k;
    const found = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, key]);
    if (found) return found;
  }
  return undefined;
}
