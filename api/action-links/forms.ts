// One form per action: its fields, how a submission is read (zod), and which journey update it becomes.
import type { Client } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { saveJourneyNote } from '../../activities/journey-notes';
import { SELECTION_REASONS, blockName, formatDateTime, referentialOf, w, type Language, type Words } from '../../activities/wording/catalogue';
import type { ActionKind } from '../../activities/notification-types';
import type { Database } from '../../platform/database';
import * as journey from '../../workflows/journey-client';
import type { Actor, DecisionReceipt } from '../../workflows/messages';
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
  name: 'comment', label: bi('Commentaire (facultatif)', 'Comment (optional)'), kind: 'textarea', required: false,
  hint: bi('Visible par le service des admissions, conservé dans le dossier.', 'Seen by the admissions office, kept in the file.'),
  error: bi('Le commentaire dépasse 2 000 caractères.', 'The comment is longer than 2,000 characters.'), attrs: { maxLength: 2000 },
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
      return `${field.label[l]} : ${chosen}`;
    })
    .filter(Boolean)
    .join(' · ');

const ROME: [string, Bi][] = [
  ['M1707', bi('Stratégie commerciale (M1707)', 'Sales strategy (M1707)')],
  ['M1706', bi('Promotion des ventes (M1706)', 'Sales promotion (M1706)')],
  ['M1704', bi('Management relation clientèle (M1704)', 'Customer relationship management (M1704)')],
  ['E1101', bi('Animation de site multimédia (E1101)', 'Web/multimedia management (E1101)')],
  ['E1402', bi('Élaboration de plan média (E1402)', 'Media planning (E1402)')],
];

export const FORMS: Record<ActionKind, ActionForm> = {
  selection_review: {
    title: bi('Examen du dossier de candidature', 'Application dossier review'),
    submit: bi('Enregistrer mon avis', 'Record my review'),
    fields: () => [
      { name: 'decision', label: bi('Avis', 'Review'), kind: 'radio', required: true, error: bi('Choisissez un avis.', 'Choose a review.'),
        options: [{ value: 'admissible', label: bi('Admissible', 'Admissible') }, { value: 'not_admissible', label: bi('Non admissible', 'Not admissible') }] },
      { name: 'reasonCode', label: bi('Motif principal', 'Main reason'), kind: 'select', required: true, error: bi('Choisissez un motif.', 'Choose a reason.'),
        options: [
          ...['profile_fits', 'project_clear', 'project_unclear', 'insufficient_experience', 'insufficient_grades'].map((value) => ({ value, label: SELECTION_REASONS[value]! })),
          { value: 'other', label: bi('Autre (précisez en commentaire)', 'Other (say so in the comment)') },
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
    title: bi('Choix du créneau d’entretien', 'Interview slot choice'),
    submit: bi('Confirmer ce créneau', 'Confirm this slot'),
    fields: ({ data }) => {
      // The offered slots with their times, length and place, as the email listed them.
      const slots = Array.isArray(data.slots) ? (data.slots as { slotId: string; startsAtMs: number; durationMinutes: number; place?: string }[]) : [];
      const label = (s: (typeof slots)[number], l: Language) => `${formatDateTime(s.startsAtMs, l)}, ${s.durationMinutes} minutes${s.place ? ` – ${s.place}` : ''}`;
      return [{
        name: 'slotId', label: bi('Créneau', 'Slot'), kind: 'radio', required: true, error: bi('Choisissez un créneau.', 'Choose a slot.'),
        options: slots.map((s) => ({ value: s.slotId, label: bi(label(s, 'fr'), label(s, 'en')) })),
      }];
    },
    schema: z.object({ slotId: z.string().min(1).max(200) }),
    record: (ctx) => journey.chooseInterviewSlot(ctx.client, ctx.journeyId, { decisionId: ctx.decisionId, actor: ctx.actor, slotId: ctx.values.slotId! }),
    describe: describeChoices(['slotId']),
  },
  interview_outcome: {
    title: bi('Résultat de l’entretien de motivation', 'Motivation interview outcome'),
    submit: bi('Enregistrer le résultat', 'Record the outcome'),
    fields: () => [
      { name: 'outcome', label: bi('Résultat', 'Outcome'), kind: 'radio', required: true, error: bi('Choisissez un résultat.', 'Choose an outcome.'),
        options: [{ value: 'admitted', label: bi('Admis', 'Admitted') }, { value: 'not_admitted', label: bi('Non admis', 'Not admitted') }, { value: 'no_show', label: bi('Absent', 'No-show') }] },
      comment,
    ],
    schema: z.object({ outcome: choice('admitted', 'not_admitted', 'no_show'), comment: optionalComment }),
    record: async (ctx) => journey.recordInterviewOutcome(ctx.client, ctx.journeyId, {
      decisionId: ctx.decisionId, actor: ctx.actor, outcome: ctx.values.outcome as 'admitted' | 'not_admitted' | 'no_show', commentRef: await commentRef(ctx),
    }),
    describe: describeChoices(['outcome']),
  },
  assessment_grade: {
    title: bi('Note d’évaluation', 'Assessment grade'),
    submit: bi('Enregistrer la note', 'Record the grade'),
    fields: () => [{
      name: 'grade', label: bi('Note sur 20', 'Grade out of 20'), kind: 'text', required: true, attrs: { inputMode: 'decimal', maxLength: 5 },
      hint: bi('De 0 à 20, par quarts de point (ex. 13,5).', 'From 0 to 20, in quarter points (e.g. 13.5).'), error: bi('Saisissez une note entre 0 et 20.', 'Enter a grade between 0 and 20.'),
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
    describe: (v, _f, l) => `${l === 'fr' ? 'Note' : 'Grade'} : ${v.grade}/20`,
  },
  internship_declaration: {
    title: bi('Déclaration d’une période de stage ou d’expérience', 'Internship or experience period'),
    submit: bi('Déclarer cette période', 'Declare this period'),
    fields: (): Field[] => [
      { name: 'organisation', label: bi('Entreprise ou organisme', 'Company or organisation'), kind: 'text', required: true, error: bi('Indiquez l’entreprise.', 'Give the company.'), attrs: { maxLength: 200, autoComplete: 'organization' } },
      { name: 'startOn', label: bi('Date de début', 'Start date'), kind: 'date', required: true, error: bi('Indiquez une date de début valide.', 'Give a valid start date.') },
      { name: 'endOn', label: bi('Date de fin', 'End date'), kind: 'date', required: true, error: bi('Indiquez une date de fin valide, après la date de début.', 'Give a valid end date, after the start date.') },
      { name: 'percent', label: bi('Temps de travail (%)', 'Working time (%)'), kind: 'number', required: true, attrs: { min: 10, max: 100, step: 5 },
        hint: bi('100 pour un temps plein ; le temps partiel compte au prorata.', '100 for full time; part time counts pro rata.'), error: bi('Indiquez un pourcentage entre 10 et 100.', 'Give a percentage between 10 and 100.') },
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
    describe: (v, _f, l) => `${formatDateTime(Date.parse(`${v.startOn}T12:00:00Z`), l).replace(/ (à|at) 1[34]:00.*$/, '')} → ${formatDateTime(Date.parse(`${v.endOn}T12:00:00Z`), l).replace(/ (à|at) 1[34]:00.*$/, '')}, ${v.percent} %`,
  },
  thesis_submission: {
    title: bi('Dépôt de la thèse professionnelle', 'Professional thesis submission'),
    submit: bi('Confirmer le dépôt', 'Confirm the submission'),
    fields: () => [{
      name: 'confirm', label: bi('Je confirme avoir déposé la version finale de ma thèse professionnelle.', 'I confirm I submitted the final version of my professional thesis.'),
      kind: 'checkbox', required: true, error: bi('Cochez la case pour confirmer.', 'Tick the box to confirm.'),
    }],
    schema: z.object({ confirm: z.literal('yes') }),
    record: (ctx) => journey.submitThesis(ctx.client, ctx.journeyId, { decisionId: ctx.decisionId, actor: ctx.actor }),
    describe: (_v, _f, l) => (l === 'fr' ? 'Dépôt confirmé' : 'Submission confirmed'),
  },
  jury_decision: {
    title: bi('Décision du jury de certification', 'Certification jury decision'),
    submit: bi('Enregistrer ma décision', 'Record my decision'),
    fields: ({ blockCodes, referentialCode }) => {
      const ref = referentialOf(referentialCode);
      return [
        { name: 'decision', label: bi('Décision', 'Decision'), kind: 'radio', required: true, error: bi('Choisissez une décision.', 'Choose a decision.'),
          options: [{ value: 'award', label: bi('Attribuer', 'Award') }, { value: 'not_award', label: bi('Ne pas attribuer', 'Do not award') }, { value: 'defer', label: bi('Ajourner', 'Defer') }] },
        ...((blockCodes ?? []).length > 1
          ? [{ name: 'deferredBlocks', label: bi('Blocs à ajourner (avec « Attribuer » : les autres blocs sont attribués)', 'Blocks to defer (with "Award": the other blocks are awarded)'), kind: 'checkboxes' as const, required: false,
              error: bi('Choisissez parmi les blocs du parcours.', 'Choose among the journey’s blocks.'), options: blockCodes!.map((code) => ({ value: code, label: bi(blockName(ref, code, 'fr'), blockName(ref, code, 'en')) })) }]
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
    title: bi('Enquête de suivi des certifiés', 'Follow-up survey of certified people'),
    submit: bi('Envoyer mes réponses', 'Send my answers'),
    fields: () => [
      { name: 'employed', label: bi('Êtes-vous en emploi ?', 'Are you employed?'), kind: 'radio', required: true, error: bi('Répondez oui ou non.', 'Answer yes or no.'),
        options: [{ value: 'yes', label: bi('Oui', 'Yes') }, { value: 'no', label: bi('Non', 'No') }] },
      { name: 'inTargetJob', label: bi('Votre emploi correspond-il aux métiers visés par la certification ?', 'Is your job one of the certification\'s target jobs?'), kind: 'radio', required: true, error: bi('Répondez oui ou non.', 'Answer yes or no.'),
        options: [{ value: 'yes', label: bi('Oui', 'Yes') }, { value: 'no', label: bi('Non', 'No') }] },
      { name: 'romeCode', label: bi('Métier (facultatif)', 'Job (optional)'), kind: 'select', required: false, error: bi('Choisissez un métier de la liste.', 'Choose a job from the list.'),
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
