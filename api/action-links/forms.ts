// One form per action: its fields, how a submission is read (zod), and which journey update it becomes.
import type { Client } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { saveJourneyNote } from '../../activities/journey-notes';
import { SELECTION_REASONS, blockName, formatDateTime, formatIsoDate, labelled, referentialOf, w, type Language, type Words } from '../../activities/wording/catalogue';
import type { ActionKind } from '../../activities/notification-types';
import type { Database } from '../../platform/database';
import * as journey from '../../workflows/journey-client';
import type { Actor, DecisionReceipt } from '../../workflows/messages';
import { FORM } from '../../activities/wording/forms';
import type { Field } from './components';

export type { Field };
const bi = w;
type Bi = Words;

export interface FormContext {
  /** The outbox template data of the email that carried the link (e.g. the offered slots). */
  data: Record<string, unknown>;
  subjectRef: string | null;
  /** The journey's blocks (the jury may defer some). */
  blockCodes?: string[];
  referentialCode?: string;
}

export interface SubmitContext {
  client: Client;
  db: Database;
  journeyId: string;
  decisionId: string;
  actor: Actor;
  authorRef: string;
  subjectRef: string | null;
  /** The template data of the email that carried the link. */
  data: Record<string, unknown>;
  values: Record<string, string | undefined>;
}

interface ActionForm {
  title: Bi;
  submit: Bi;
  fields(ctx: FormContext): Field[];
  schema: z.ZodType<Record<string, string | undefined>>;
  record(ctx: SubmitContext): Promise<DecisionReceipt>;
  /** What the page shows once recorded (also kept in the audit trail): words, no free text. */
  describe(values: Record<string, string | undefined>, fields: Field[], language: Language): string;
}

const comment: Field = {
  name: 'comment', label: FORM.commentOptional, kind: 'textarea', required: false,
  hint: FORM.seenByTheAdmissionsOffice,
  error: FORM.theCommentIsLongerThan, attrs: { maxLength: 2000 },
};
const uuidOf = (text: string) => {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const optionalComment = z.string().trim().max(2000).optional();
const choice = (...values: [string, ...string[]]) => z.enum(values);

async function commentRef(ctx: SubmitContext): Promise<string | undefined> {
  const text = ctx.values.comment?.trim();
  return text ? saveJourneyNote(ctx.db, { journeyId: ctx.journeyId, authorRef: ctx.authorRef, text }) : undefined;
}

function memberIdOf(actor: Actor): string {
  if (actor.kind !== 'juryMember') throw new Error('This link is not a jury member\'s.');
  return actor.memberId;
}

const labelOf = (fields: Field[], name: string, value: string | undefined) =>
  fields.find((f) => f.name === name)?.options?.find((o) => o.value === value)?.label;

const describeChoices = (names: string[]) => (values: Record<string, string | undefined>, fields: Field[], l: Language) =>
  names
    .map((n) => {
      const field = fields.find((f) => f.name === n);
      if (!field || !values[n]) return undefined;
      const chosen = values[n]!.split(',').map((v) => labelOf(fields, n, v)?.[l]).filter(Boolean).join(', ');
      return labelled(field.label[l], chosen, l);
    })
    .filter(Boolean)
    .join(' · ');

const ROME: [string, Bi][] = [
  ['M1707', FORM.salesStrategyM1707],
  ['M1706', FORM.salesPromotionM1706],
  ['M1704', FORM.customerRelationshipManagementM1704],
  ['E1101', FORM.webMultimediaManagementE1101],
  ['E1402', FORM.mediaPlanningE1402],
];

export const FORMS: Record<ActionKind, ActionForm> = {
  selection_review: {
    title: FORM.applicationDossierReview,
    submit: FORM.recordMyReview,
    fields: () => [
      { name: 'decision', label: FORM.review, kind: 'radio', required: true, error: FORM.chooseAReview,
        options: [{ value: 'admissible', label: FORM.admissible }, { value: 'not_admissible', label: FORM.notAdmissible }] },
      { name: 'reasonCode', label: FORM.mainReason, kind: 'select', required: true, error: FORM.chooseAReason,
        options: [
          ...['profile_fits', 'project_clear', 'project_unclear', 'insufficient_experience', 'insufficient_grades'].map((value) => ({ value, label: SELECTION_REASONS[value]! })),
          { value: 'other', label: FORM.otherSaySoInThe },
        ] },
      comment,
    ],
    schema: z.object({ decision: choice('admissible', 'not_admissible'), reasonCode: choice('profile_fits', 'project_clear', 'project_unclear', 'insufficient_experience', 'insufficient_grades', 'other'), comment: optionalComment }),
    record: async (ctx) => journey.recordSelectionReview(ctx.client, ctx.journeyId, {
      decisionId: ctx.decisionId, actor: ctx.actor, decision: ctx.values.decision as 'admissible' | 'not_admissible', reasonCode: ctx.values.reasonCode!, commentRef: await commentRef(ctx),
    }),
    describe: describeChoices(['decision', 'reasonCode']),
  },
  interview_slot_choice: {
    title: FORM.interviewSlotChoice,
    submit: FORM.confirmThisSlot,
    fields: ({ data }) => {
      // The offered slots with their times, length and place, as the email listed them.
      const slots = Array.isArray(data.slots) ? (data.slots as { slotId: string; startsAtMs: number; durationMinutes: number; place?: string }[]) : [];
      const label = (s: (typeof slots)[number], l: Language) => `${formatDateTime(s.startsAtMs, l)}, ${s.durationMinutes} minutes${s.place ? ` – ${s.place}` : ''}`;
      return [{
        name: 'slotId', label: FORM.slot, kind: 'radio', required: true, error: FORM.chooseASlot,
        options: slots.map((s) => ({ value: s.slotId, label: bi(label(s, 'fr'), label(s, 'en')) })),
      }];
    },
    schema: z.object({ slotId: z.string().min(1).max(200) }),
    record: (ctx) => journey.chooseInterviewSlot(ctx.client, ctx.journeyId, { decisionId: ctx.decisionId, actor: ctx.actor, slotId: ctx.values.slotId! }),
    describe: describeChoices(['slotId']),
  },
  interview_outcome: {
    title: FORM.motivationInterviewOutcome,
    submit: FORM.recordTheOutcome,
    fields: () => [
      { name: 'outcome', label: FORM.outcome, kind: 'radio', required: true, error: FORM.chooseAnOutcome,
        options: [{ value: 'admitted', label: FORM.admitted }, { value: 'not_admitted', label: FORM.notAdmitted }, { value: 'no_show', label: FORM.noShow }] },
      comment,
    ],
    schema: z.object({ outcome: choice('admitted', 'not_admitted', 'no_show'), comment: optionalComment }),
    record: async (ctx) => journey.recordInterviewOutcome(ctx.client, ctx.journeyId, {
      decisionId: ctx.decisionId, actor: ctx.actor, outcome: ctx.values.outcome as 'admitted' | 'not_admitted' | 'no_show', commentRef: await commentRef(ctx),
    }),
    describe: describeChoices(['outcome']),
  },
  assessment_grade: {
    title: FORM.assessmentGrade,
    submit: FORM.recordTheGrade,
    fields: () => [{
      name: 'grade', label: FORM.gradeOutOf20, kind: 'text', required: true, attrs: { inputMode: 'decimal', maxLength: 5 },
      hint: FORM.from0To20In, error: FORM.enterAGradeBetween0,
    }],
    schema: z.object({ grade: z.string().trim().regex(/^\d{1,2}([.,]\d{1,2})?$/).refine((v) => Number(v.replace(',', '.')) <= 20) }),
    record: (ctx) => {
      // The block's email data names the block and the assessment; subjectRef is the assessment id.
      const blockCode = typeof ctx.data.blockCode === 'string' ? ctx.data.blockCode : '';
      const assessmentId = typeof ctx.data.assessmentId === 'string' ? ctx.data.assessmentId : (ctx.subjectRef ?? '');
      return journey.recordAssessmentGrade(ctx.client, ctx.journeyId, {
        decisionId: ctx.decisionId, actor: ctx.actor, blockCode, assessmentId, grade: Number(ctx.values.grade!.replace(',', '.')),
      });
    },
    describe: (v, _f, l) => labelled(l === 'fr' ? 'Note' : 'Grade', `${v.grade}/20`, l),
  },
  internship_declaration: {
    title: FORM.internshipOrExperiencePeriod,
    submit: FORM.declareThisPeriod,
    fields: (): Field[] => [
      { name: 'organisation', label: FORM.companyOrOrganisation, kind: 'text', required: true, error: FORM.giveTheCompany, attrs: { maxLength: 200, autoComplete: 'organization' } },
      { name: 'startOn', label: FORM.startDate, kind: 'date', required: true, error: FORM.giveAValidStartDate },
      { name: 'endOn', label: FORM.endDate, kind: 'date', required: true, error: FORM.giveAValidEndDate },
      { name: 'percent', label: FORM.workingTime, kind: 'number', required: true, attrs: { min: 10, max: 100, step: 5 },
        hint: FORM.n100ForFullTimePart, error: FORM.giveAPercentageBetween10 },
    ],
    schema: z.object({
      organisation: z.string().trim().min(1).max(200),
      startOn: z.iso.date(),
      endOn: z.iso.date(),
      percent: z.string().regex(/^\d{1,3}$/).refine((v) => Number(v) >= 10 && Number(v) <= 100),
    }).refine((v) => v.endOn >= v.startOn, { path: ['endOn'] }),
    record: async (ctx) => {
      // The period is written first (personal data stays in the database); the decision id makes it once.
      // A uuid derived from the decision id: a repeated submission of the same period finds the same row.
      const id = ctx.decisionId.includes(':') ? uuidOf(ctx.decisionId) : ctx.decisionId;
      const period = await ctx.db.internshipPeriod.upsert({
        where: { id },
        update: {},
        create: {
          id,
          candidateId: ctx.authorRef.replace(/^candidate:/, ''),
          organisation: ctx.values.organisation!, startOn: new Date(ctx.values.startOn!), endOn: new Date(ctx.values.endOn!), fteRatio: Number(ctx.values.percent) / 100,
        },
      });
      return journey.declareInternshipPeriod(ctx.client, ctx.journeyId, { decisionId: ctx.decisionId, actor: ctx.actor, periodId: period.id });
    },
    describe: (v, _f, l) => `${formatIsoDate(v.startOn!, l)} → ${formatIsoDate(v.endOn!, l)}, ${v.percent} %`,
  },
  thesis_submission: {
    title: FORM.professionalThesisSubmission,
    submit: FORM.confirmTheSubmission,
    fields: () => [{
      name: 'confirm', label: FORM.iConfirmISubmittedThe, hint: FORM.thesisHowToSubmit,
      kind: 'checkbox', required: true, error: FORM.tickTheBoxToConfirm,
    }],
    schema: z.object({ confirm: z.literal('yes') }),
    record: (ctx) => journey.submitThesis(ctx.client, ctx.journeyId, { decisionId: ctx.decisionId, actor: ctx.actor }),
    describe: (_v, _f, l) => (l === 'fr' ? 'Dépôt confirmé' : 'Submission confirmed'),
  },
  jury_decision: {
    title: FORM.certificationJuryDecision,
    submit: FORM.recordMyDecision,
    fields: ({ blockCodes, referentialCode }) => {
      const ref = referentialOf(referentialCode);
      return [
        { name: 'decision', label: FORM.decision, kind: 'radio', required: true, error: FORM.chooseADecision,
          options: [{ value: 'award', label: FORM.award }, { value: 'not_award', label: FORM.doNotAward }, { value: 'defer', label: FORM.defer }] },
        ...((blockCodes ?? []).length > 1
          ? [{ name: 'deferredBlocks', label: FORM.blocksToDeferWithAward, kind: 'checkboxes' as const, required: false,
              error: FORM.chooseAmongTheJourneyS, options: blockCodes!.map((code) => ({ value: code, label: bi(blockName(ref, code, 'fr'), blockName(ref, code, 'en')) })) }]
          : []),
        comment,
      ];
    },
    schema: z.object({ decision: choice('award', 'not_award', 'defer'), deferredBlocks: z.string().max(200).optional(), comment: optionalComment }),
    record: async (ctx) => journey.recordJuryDecision(ctx.client, ctx.journeyId, {
      decisionId: ctx.decisionId, actor: ctx.actor, memberId: memberIdOf(ctx.actor), decision: ctx.values.decision as 'award' | 'not_award' | 'defer', commentRef: await commentRef(ctx),
      ...(ctx.values.deferredBlocks ? { deferredBlocks: ctx.values.deferredBlocks.split(',').filter(Boolean) } : {}),
    }),
    describe: describeChoices(['decision', 'deferredBlocks']),
  },
  follow_up_survey: {
    title: FORM.followUpSurveyOfCertified,
    submit: FORM.sendMyAnswers,
    fields: () => [
      { name: 'employed', label: FORM.areYouEmployed, kind: 'radio', required: true, error: FORM.answerYesOrNo,
        options: [{ value: 'yes', label: FORM.yes }, { value: 'no', label: FORM.no }] },
      { name: 'inTargetJob', label: FORM.isYourJobOneOf, kind: 'radio', required: true, error: FORM.answerYesOrNo,
        options: [{ value: 'yes', label: FORM.yes }, { value: 'no', label: FORM.no }] },
      { name: 'romeCode', label: FORM.jobOptional, kind: 'select', required: false, error: FORM.chooseAJobFromThe,
        options: ROME.map(([value, label]) => ({ value, label })) },
    ],
    schema: z.object({ employed: choice('yes', 'no'), inTargetJob: choice('yes', 'no'), romeCode: z.union([z.literal(''), choice('M1707', 'M1706', 'M1704', 'E1101', 'E1402')]).optional() }),
    record: (ctx) => journey.answerFollowUpSurvey(ctx.client, ctx.journeyId, {
      decisionId: ctx.decisionId, actor: ctx.actor, wave: Number(ctx.subjectRef ?? 6), employed: ctx.values.employed === 'yes', inTargetJob: ctx.values.inTargetJob === 'yes',
      ...(ctx.values.romeCode ? { romeCode: ctx.values.romeCode } : {}),
    }),
    describe: describeChoices(['employed', 'inTargetJob']),
  },
};

/** Reads a submission: the values, or one bilingual message per field in error. */
export function parseForm(form: ActionForm, fields: Field[], body: unknown): { values: Record<string, string | undefined> } | { errors: Record<string, Bi> } {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const read = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join(',') : undefined);
  const input = Object.fromEntries(fields.map((f) => [f.name, read(raw[f.name])]));
  const parsed = form.schema.safeParse(input);
  if (parsed.success) {
    // Radios offered by this page only: a slot id that was not offered is an error of that field.
    const errors: Record<string, Bi> = {};
    for (const f of fields) {
      const chosen = f.kind === 'checkboxes' ? (parsed.data[f.name] ?? '').split(',').filter(Boolean) : parsed.data[f.name] ? [parsed.data[f.name]!] : [];
      if (f.options && chosen.some((c) => !f.options!.some((o) => o.value === c))) errors[f.name] = f.error;
    }
    return Object.keys(errors).length ? { errors } : { values: parsed.data };
  }
  const errors: Record<string, Bi> = {};
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? fields[0]?.name);
    const field = fields.find((f) => f.name === name);
    if (field) errors[name] ??= field.error;
  }
  return { errors };
}
