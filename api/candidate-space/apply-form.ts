// The public application form: its fields (for the shared FormFields component), how a submission is
// read, and the candidate record it becomes (declared profile for the eligibility rules, blocks, accommodations).
import { z } from 'zod';
import { APPLY } from '../../activities/wording/application';
import { DEGREES, ROUTES, blockName, type Words } from '../../activities/wording/catalogue';
import { DEGREE_KINDS, ROUTES as ROUTE_CODES, type Referential } from '../../domain/index';
import type { Field } from '../action-links/components';

export const RETENTION_YEARS_AFTER_JOURNEY = 3;

export function applicationFields(ref: Referential): Field[] {
  const e = APPLY.errors;
  return [
    { name: 'firstName', label: APPLY.firstName, kind: 'text', required: true, error: e.firstName, attrs: { maxLength: 100, autoComplete: 'given-name' } },
    { name: 'lastName', label: APPLY.lastName, kind: 'text', required: true, error: e.lastName, attrs: { maxLength: 100, autoComplete: 'family-name' } },
    { name: 'email', label: APPLY.email, kind: 'text', required: true, error: e.email, attrs: { maxLength: 254, autoComplete: 'email', inputMode: 'email' } },
    { name: 'phone', label: APPLY.phone, kind: 'text', required: false, error: e.phone, attrs: { maxLength: 20, autoComplete: 'tel', inputMode: 'tel' } },
    { name: 'route', label: APPLY.route, hint: APPLY.routeHint, kind: 'select', required: true, error: e.route, options: ROUTE_CODES.map((r) => ({ value: r, label: ROUTES[r]! })) },
    { name: 'degree', label: APPLY.degree, kind: 'select', required: true, error: e.degree, options: DEGREE_KINDS.filter((d) => d !== 'foreign_equivalent').map((d) => ({ value: d, label: DEGREES[d]! })) },
    { name: 'degreeTitle', label: APPLY.degreeTitle, kind: 'text', required: false, error: e.degreeTitle, attrs: { maxLength: 200 } },
    { name: 'years', label: APPLY.years, hint: APPLY.yearsHint, kind: 'number', required: true, error: e.years, attrs: { min: 0, max: 50, step: 0.5, inputMode: 'decimal' } },
    { name: 'workStudyYears', label: APPLY.workStudyYears, hint: APPLY.workStudyHint, kind: 'number', required: false, error: e.workStudyYears, attrs: { min: 0, max: 10, step: 0.5, inputMode: 'decimal' } },
    ...(ref.blockOnlyEnrolment
      ? [
          { name: 'enrolment', label: APPLY.enrolment, kind: 'radio' as const, required: true, error: e.enrolment, options: [{ value: 'full', label: APPLY.fullProgramme }, { value: 'blocks', label: APPLY.blockOnly }] },
          { name: 'blocks', label: APPLY.blocks, kind: 'checkboxes' as const, required: false, error: e.blocks, options: ref.blocks.map((b) => ({ value: b.code, label: { fr: blockName(ref, b.code, 'fr'), en: blockName(ref, b.code, 'en') } })) },
        ]
      : []),
    { name: 'accommodations', label: APPLY.accommodations, kind: 'checkbox', required: false, error: e.accommodations },
    { name: 'accommodationsDetail', label: APPLY.accommodationsDetail, kind: 'textarea', required: false, error: e.accommodationsDetail, attrs: { maxLength: 1000 } },
    { name: 'consent', label: APPLY.consent(RETENTION_YEARS_AFTER_JOURNEY), kind: 'checkbox', required: true, error: e.consent },
  ];
}

const years = (max: number) => z.string().trim().regex(/^\d{1,2}([.,]\d)?$/).transform((v) => Number(v.replace(',', '.'))).pipe(z.number().min(0).max(max));
const text = (max: number) => z.string().trim().max(max).refine((v) => !/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(v));

const schema = z.object({
  firstName: text(100).pipe(z.string().min(1)),
  lastName: text(100).pipe(z.string().min(1)),
  email: z.string().trim().pipe(z.email().max(254)),
  phone: z.union([z.literal(''), z.string().trim().regex(/^\+?[0-9 .()-]{6,20}$/)]).optional(),
  route: z.enum(ROUTE_CODES),
  degree: z.enum(DEGREE_KINDS).exclude(['foreign_equivalent']),
  degreeTitle: text(200).optional(),
  years: years(50),
  workStudyYears: z.union([z.literal(''), years(10)]).optional(),
  enrolment: z.enum(['full', 'blocks']).optional(),
  blocks: z.string().max(200).optional(),
  accommodations: z.literal('yes').optional(),
  accommodationsDetail: text(1000).optional(),
  consent: z.literal('yes'),
});

export type ApplicationAnswers = z.infer<typeof schema> & { blockCodes: string[] };

/** The answers, or the message of each wrong field. */
export function readApplication(body: Record<string, unknown>, ref: Referential, fields: Field[]): { answers: ApplicationAnswers } | { errors: Record<string, Words> } {
  const flat = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
  const parsed = schema.safeParse(flat);
  const errors: Record<string, Words> = {};
  const errorOf = (name: string) => fields.find((f) => f.name === name)?.error;
  if (!parsed.success) for (const issue of parsed.error.issues) {
    const name = String(issue.path[0]);
    if (!errors[name] && errorOf(name)) errors[name] = errorOf(name)!;
  }
  const known = new Set(ref.blocks.map((b) => b.code));
  const blockCodes = String(flat.blocks ?? '').split(',').filter(Boolean);
  if (blockCodes.some((c) => !known.has(c)) || (flat.enrolment === 'blocks' && blockCodes.length === 0)) errors.blocks = APPLY.errors.blocks;
  if (ref.blockOnlyEnrolment && !flat.enrolment) errors.enrolment = APPLY.errors.enrolment;
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { answers: { ...parsed.data, blockCodes: parsed.data.enrolment === 'blocks' ? blockCodes : [] } };
}

/** The candidate record the confirmed application becomes (the staff API's fields). */
export function candidateDataOf(answers: ApplicationAnswers, language: 'fr' | 'en') {
  const workStudy = typeof answers.workStudyYears === 'number' ? answers.workStudyYears : 0;
  return {
    firstName: answers.firstName, lastName: answers.lastName, email: answers.email.toLowerCase(), phone: answers.phone || null, route: answers.route, language,
    enrolledBlocks: answers.blockCodes,
    accommodations: answers.accommodations === 'yes' ? { extraTimePercent: 0, other: [answers.accommodationsDetail || 'Aménagement demandé, à préciser / Accommodation requested, to be specified'] } : {},
    declaredProfile: {
      degrees: [{ kind: answers.degree, ...(answers.degreeTitle ? { title: answers.degreeTitle } : {}) }],
      experience: { qualifyingYears: answers.years, ...(workStudy > 0 ? { excludedYears: workStudy } : {}) },
      vappValidated: false,
    },
  };
}
