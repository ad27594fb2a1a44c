// Staff actions on a journey. Each goes to the workflow as an update (the journey serialises decisions,
// so two staff acting at once get one accepted and one refused, never a lost update) and answers the
// receipt and the new state, or a problem with the journey's reason (409 state, 422 input).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ADMISSION_PIECE_KINDS, DEADLINE_STEPS } from '../../domain/index';
import * as journey from '../../workflows/journey-client';
import type { Actor, DecisionReceipt } from '../../workflows/messages';
import type { AppDeps } from '../app';
import { ADMISSIONS, ADMISSIONS_OR_JURY, JURY, type Role } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { displayText, idParams, parisDateTime } from './common';
import { VAE_REJECTION_REASON } from './candidate-evidence';
import { loadCandidate, refusalProblem } from './candidates';

const reasonCode = z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'a reason code such as candidate_request');
const blockCode = z.string().regex(/^[A-Z]{2}[0-9]{2}$/);
const slot = z.strictObject({
  slotId: z.string().min(1).max(60),
  startsAt: parisDateTime,
  durationMinutes: z.number().int().min(10).max(240).default(30).describe('Length of the interview in minutes (default 30)'),
  place: z.string().trim().min(1).max(300).optional().describe('Room and address, or the video-call link, shown in the emails and the calendar invitation'),
});
const slotOf = (s: z.infer<typeof slot>) => ({ slotId: s.slotId, startsAtMs: s.startsAt, durationMinutes: s.durationMinutes, ...(s.place ? { place: s.place } : {}) });

interface ActionCtx {
  client: AppDeps['temporal'];
  db: AppDeps['db'];
  journeyId: string;
  candidateId: string;
  base: { decisionId: string; actor: Actor };
}

interface ActionDef<B extends z.ZodType> {
  name: string;
  operationId: string;
  summary: string;
  roles: readonly Role[];
  body: B;
  run: (ctx: ActionCtx, body: z.infer<B>) => Promise<DecisionReceipt | { signalled: true }>;
}
const action = <B extends z.ZodType>(def: ActionDef<B>) => def;

const ACTIONS = [
  action({
    name: 'record-piece', operationId: 'recordDossierPiece', roles: ADMISSIONS, summary: 'Record a dossier piece received (stored, then signalled to the journey)',
    body: z.strictObject({ kind: z.enum(ADMISSION_PIECE_KINDS), fileName: z.string().max(255).optional(), storageRef: z.string().max(500).optional() }),
    run: (ctx, b) => recordDossierPiece(ctx, b, `staff:${ctx.base.actor.kind === 'staff' ? ctx.base.actor.staffId : 'api'}`),
  }),
  action({
    name: 'extend-deadline', operationId: 'extendDeadline', roles: ADMISSIONS_OR_JURY, summary: 'Extend the deadline of a step by some days',
    body: z.strictObject({ step: z.enum(DEADLINE_STEPS), days: z.number().int().min(1).max(365), subjectRef: z.string().max(100).optional() }),
    run: ({ client, journeyId, base }, b) => journey.extendDeadline(client, journeyId, { ...base, ...b }),
  }),
  action({
    name: 'assign-selection-reviewers', operationId: 'assignSelectionReviewers', roles: ADMISSIONS_OR_JURY, summary: 'Assign the selection jury members (JuryMember ids)',
    body: z.strictObject({ memberIds: z.array(z.uuid()).min(1).max(10) }),
    run: async ({ client, db, journeyId, candidateId, base }, b) => {
      await requireJuryMembers(db, candidateId, 'selection', b.memberIds.map((id, i) => ({ id, path: `body.memberIds.${i}` })));
      return journey.assignSelectionReviewers(client, journeyId, { ...base, ...b });
    },
  }),
  action({
    name: 'decide-selection', operationId: 'decideSelection', roles: ADMISSIONS,
    summary: 'Decide the selection in the reviewers\' place (when they disagree, or are late): admissible or not, with a reason code',
    body: z.strictObject({ decision: z.enum(['admissible', 'not_admissible']), reasonCode: z.enum(['profile_fits', 'project_clear', 'project_unclear', 'insufficient_experience', 'insufficient_grades', 'other']) }),
    run: ({ client, journeyId, base }, b) => journey.recordSelectionReview(client, journeyId, { ...base, ...b }),
  }),
  action({
    name: 'offer-interview-slots', operationId: 'offerInterviewSlots', roles: ADMISSIONS, summary: 'Offer interview slots to the candidate, with the interview jury',
    body: z.strictObject({ slots: z.array(slot).min(1).max(10), juryMemberIds: z.array(z.uuid()).min(1).max(10) }),
    run: async ({ client, db, journeyId, candidateId, base }, b) => {
      await requireJuryMembers(db, candidateId, 'interview', b.juryMemberIds.map((id, i) => ({ id, path: `body.juryMemberIds.${i}` })));
      return journey.offerInterviewSlots(client, journeyId, { ...base, juryMemberIds: b.juryMemberIds, slots: b.slots.map(slotOf) });
    },
  }),
  action({
    name: 'record-interview-outcome', operationId: 'recordInterviewOutcome', roles: ADMISSIONS_OR_JURY, summary: 'Record the interview outcome',
    body: z.strictObject({ outcome: z.enum(['admitted', 'not_admitted', 'no_show']) }),
    run: ({ client, journeyId, base }, b) => journey.recordInterviewOutcome(client, journeyId, { ...base, ...b }),
  }),
  action({
    name: 'confirm-internship-period', operationId: 'confirmInternshipPeriod', roles: ADMISSIONS, summary: 'Confirm a declared internship period',
    body: z.strictObject({ periodId: z.uuid() }),
    run: async ({ client, db, journeyId, candidateId, base }, b) => {
      const period = await db.internshipPeriod.findFirst({ where: { id: b.periodId, candidateId }, select: { id: true } });
      if (!period) throw new HttpProblem(422, 'Unknown internship period', `Internship period ${b.periodId} is not one of this candidate's.`, { errors: [{ path: 'body.periodId', message: 'not a period of this candidate' }] });
      return journey.confirmInternshipPeriod(client, journeyId, { ...base, ...b });
    },
  }),
  action({
    name: 'compose-jury', operationId: 'composeCertificationJury', roles: JURY, summary: 'Compose the certification jury (the journey checks composition and impartiality)',
    body: z.strictObject({
      sittingOn: z.iso.date(),
      members: z.array(z.strictObject({ name: displayText(200), email: z.email(), kind: z.enum(['school', 'external_professional']), inActivity: z.boolean() })).min(1).max(10),
      trainerAndAssessorIds: z.array(z.string().min(1).max(200)).max(50).default([])
        .describe('People who trained the candidate (email or your person reference); the candidate\'s assessors are added by the server'),
    }),
    run: async ({ client, db, journeyId, candidateId, base }, b) => {
      const jury = await db.jury.create({
        data: { candidateId, kind: 'certification', sittingOn: new Date(b.sittingOn), members: { create: b.members.map((m) => ({ ...m, personRef: m.email.toLowerCase() })) } },
        include: { members: true },
      });
      try {
        return await journey.composeCertificationJury(client, journeyId, {
          ...base, juryId: jury.id, sittingOn: b.sittingOn,
          trainerAndAssessorIds: await conflictedMemberIds(db, candidateId, jury.members, b.trainerAndAssessorIds),
          members: jury.members.map((m) => ({ memberId: m.id, kind: m.kind as 'school' | 'external_professional', inActivity: m.inActivity })),
        });
      } catch (error) {
        // A composition the journey refused leaves nothing behind; after any other error the journey may
        // have accepted it, so the rows stay (a retry with the same Idempotency-Key answers the first result).
        if (error instanceof journey.JourneyRefusal) await db.jury.delete({ where: { id: jury.id } }).catch(() => undefined);
        throw error;
      }
    },
  }),
  action({
    name: 'reschedule-interview', operationId: 'rescheduleInterview', roles: ADMISSIONS, summary: 'Offer new interview slots (within the reschedules the policy allows)',
    body: z.strictObject({ slots: z.array(slot).min(1).max(10) }),
    run: ({ client, journeyId, base }, b) => journey.rescheduleInterview(client, journeyId, { ...base, slots: b.slots.map(slotOf) }),
  }),
  action({
    name: 'assign-assessor', operationId: 'assignAssessor', roles: ADMISSIONS_OR_JURY, summary: 'Assign the assessor (a JuryMember id) of one assessment of a block',
    body: z.strictObject({ blockCode, assessmentId: z.string().min(1).max(100), memberId: z.uuid() }),
    run: async ({ client, db, journeyId, candidateId, base }, b) => {
      await requireJuryMembers(db, candidateId, 'assessment', [{ id: b.memberId, path: 'body.memberId' }]);
      return journey.assignAssessor(client, journeyId, { ...base, ...b });
    },
  }),
  action({
    name: 'record-assessment-grade', operationId: 'recordAssessmentGrade', roles: JURY, summary: 'Record a grade on behalf of its assessor (for example from a paper report)',
    body: z.strictObject({ blockCode, assessmentId: z.string().min(1).max(100), grade: z.number().min(0).max(20) }),
    run: ({ client, journeyId, base }, b) => journey.recordAssessmentGrade(client, journeyId, { ...base, ...b }),
  }),
  action({
    name: 'declare-internship-period', operationId: 'declareInternshipPeriod', roles: ADMISSIONS, summary: 'Declare an internship period on behalf of the candidate (stored, then handed to the journey)',
    body: z.strictObject({
      organisation: displayText(200),
      startOn: z.iso.date(),
      endOn: z.iso.date(),
      fteRatio: z.number().gt(0).max(1).default(1).describe('Share of full time: 1 = 35 h a week'),
    }).refine((b) => b.endOn >= b.startOn, { path: ['endOn'], message: 'must not be before startOn' }),
    run: async ({ client, db, journeyId, candidateId, base }, b) => {
      const period = await db.internshipPeriod.create({
        data: { candidateId, organisation: b.organisation, startOn: new Date(b.startOn), endOn: new Date(b.endOn), fteRatio: b.fteRatio },
      });
      try {
        return await journey.declareInternshipPeriod(client, journeyId, { ...base, periodId: period.id });
      } catch (error) {
        // A period the journey refused is not left behind (after another error it may have been accepted).
        if (error instanceof journey.JourneyRefusal) await db.internshipPeriod.delete({ where: { id: period.id } }).catch(() => undefined);
        throw error;
      }
    },
  }),
  action({
    name: 'submit-thesis', operationId: 'submitThesis', roles: ADMISSIONS, summary: 'Record the thesis as submitted on behalf of the candidate',
    body: z.strictObject({}),
    run: ({ client, journeyId, base }) => journey.submitThesis(client, journeyId, base),
  }),
  action({
    name: 'schedule-thesis-defence', operationId: 'scheduleThesisDefence', roles: ADMISSIONS_OR_JURY, summary: 'Set the date of the thesis defence',
    body: z.strictObject({ defenceOn: z.iso.date() }),
    run: ({ client, journeyId, base }, b) => journey.scheduleThesisDefence(client, journeyId, { ...base, ...b }),
  }),
  action({
    name: 'record-thesis-result', operationId: 'recordThesisResult', roles: JURY, summary: 'Record the thesis grade after the defence',
    body: z.strictObject({ grade: z.number().min(0).max(20) }),
    run: ({ client, journeyId, base }, b) => journey.recordThesisResult(client, journeyId, { ...base, ...b }),
  }),
  action({
    name: 'record-vae-evidence', operationId: 'recordVaeEvidence', roles: ADMISSIONS_OR_JURY, summary: 'VAE route: record the evidence of a block, or the in-depth work, as submitted, validated or rejected',
    body: z.strictObject({
      item: z.string().regex(/^([A-Z]{2}[0-9]{2}|in_depth_work)$/, 'a block code such as BC01, or in_depth_work'), status: z.enum(['submitted', 'validated', 'rejected']),
      reason: displayText(1000).optional().describe('Why the evidence is rejected (required to reject); kept with the audit trail, not in the journey'),
    }).refine((b) => b.status !== 'rejected' || b.reason !== undefined, { path: ['reason'], message: 'say why the evidence is rejected' }),
    run: async ({ client, db, journeyId, candidateId, base }, { reason, ...b }) => {
      const receipt = await journey.recordVaeEvidence(client, journeyId, { ...base, ...b });
      // The reason is personal words: the audit trail keeps it (GET /candidates/:id/evidence shows it), the workflow never sees it.
      if (receipt.applied && b.status === 'rejected' && base.actor.kind === 'staff') {
        await db.auditEvent.create({ data: { journeyId, candidateId, actor: `staff:${base.actor.staffId}`, action: VAE_REJECTION_REASON, after: { item: b.item, reason: reason ?? null } } });
      }
      return receipt;
    },
  }),
  action({
    name: 'replace-jury-member', operationId: 'replaceJuryMember', roles: JURY, summary: 'Replace a certification jury member: the substitute gets a fresh link, the old link stops working',
    body: z.strictObject({
      replacedMemberId: z.uuid(),
      substitute: z.strictObject({ name: displayText(200), email: z.email(), kind: z.enum(['school', 'external_professional']), inActivity: z.boolean() }),
    }),
    run: async ({ client, db, journeyId, candidateId, base }, b) => {
      const replaced = await db.juryMember.findFirst({ where: { id: b.replacedMemberId, jury: { candidateId, kind: 'certification' } } });
      if (!replaced) throw new HttpProblem(422, 'Unknown jury member', `Member ${b.replacedMemberId} is not on this candidate's certification jury.`, { errors: [{ path: 'body.replacedMemberId', message: 'not a member of this candidate\'s certification jury' }] });
      const substitute = await db.juryMember.create({ data: { juryId: replaced.juryId, personRef: b.substitute.email.toLowerCase(), ...b.substitute } });
      try {
        if ((await conflictedMemberIds(db, candidateId, [substitute], [])).length > 0) {
          throw new journey.JourneyRefusal('InvalidJury', {
            code: 'substitute_trained_candidate',
            fr: 'Le suppléant a évalué ou formé le candidat : il ne peut pas siéger (impartialité).',
            en: 'The substitute assessed or trained the candidate: they cannot sit on the jury (impartiality).',
          });
        }
        return await journey.replaceJuryMember(client, journeyId, {
          ...base, replacedMemberId: replaced.id, substitute: { memberId: substitute.id, kind: b.substitute.kind, inActivity: b.substitute.inActivity },
        });
      } catch (error) {
        if (error instanceof journey.JourneyRefusal) await db.juryMember.delete({ where: { id: substitute.id } }).catch(() => undefined);
        throw error;
      }
    },
  }),
  action({
    name: 'suspend', operationId: 'suspendJourney', roles: ADMISSIONS, summary: 'Suspend the journey (deadlines pause)',
    body: z.strictObject({ reasonCode }),
    run: ({ client, journeyId, base }, b) => journey.suspendJourney(client, journeyId, { ...base, ...b }),
  }),
  action({
    name: 'resume', operationId: 'resumeJourney', roles: ADMISSIONS, summary: 'Resume a suspended journey',
    body: z.strictObject({}),
    run: ({ client, journeyId, base }) => journey.resumeJourney(client, journeyId, base),
  }),
  action({
    name: 'withdraw', operationId: 'withdrawJourney', roles: ADMISSIONS, summary: 'Withdraw the candidate (the journey ends; quota place released)',
    body: z.strictObject({ reasonCode }),
    run: ({ client, journeyId, base }, b) => journey.withdrawJourney(client, journeyId, { ...base, ...b }),
  }),
  action({
    name: 'correct-decision', operationId: 'correctDecision', roles: ADMISSIONS_OR_JURY, summary: 'Correct a recorded grade, with a reason code',
    body: z.strictObject({
      correctsDecisionId: z.string().min(1).max(200),
      reasonCode,
      correction: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('assessment_grade'), blockCode, assessmentId: z.string().min(1).max(100), grade: z.number().min(0).max(20) }),
        z.strictObject({ kind: z.literal('thesis_grade'), grade: z.number().min(0).max(20) }),
      ]),
    }),
    run: ({ client, journeyId, base }, b) => journey.correctDecision(client, journeyId, { ...base, ...b }),
  }),
];

export const ACTION_NAMES = ACTIONS.map((a) => a.name);

/**
 * A dossier piece received: stored, then signalled to the journey. Staff's record-piece and the
 * candidate space's upload both come through here, so the journey hears one signal of one shape.
 */
export async function recordDossierPiece(
  { client, db, journeyId, candidateId, base }: Pick<ActionCtx, 'client' | 'db' | 'journeyId' | 'candidateId' | 'base'>,
  piece: { kind: (typeof ADMISSION_PIECE_KINDS)[number]; fileName?: string; storageRef?: string },
  recordedBy: string,
): Promise<{ signalled: true }> {
  const fields = { fileName: piece.fileName ?? null, storageRef: piece.storageRef ?? null, recordedBy };
  await db.dossierPiece.upsert({
    where: { candidateId_kind: { candidateId, kind: piece.kind } },
    create: { candidateId, kind: piece.kind, ...fields },
    update: { ...fields, receivedAt: new Date() },
  });
  await journey.notifyDossierPiece(client, journeyId, { ...base, kind: piece.kind });
  return { signalled: true as const };
}

/**
 * The journey trusts the member ids it is given: each must be a current member (not replaced) of a jury
 * of that kind registered for this very candidate, or the journey would mail a stranger, or nobody.
 */
async function requireJuryMembers(db: AppDeps['db'], candidateId: string, kind: 'selection' | 'interview' | 'assessment', given: { id: string; path: string }[]) {
  const found = await db.juryMember.findMany({ where: { id: { in: given.map((g) => g.id) }, replacedAt: null, jury: { candidateId, kind } }, select: { id: true } });
  const known = new Set(found.map((m) => m.id));
  const errors = given.flatMap(({ id, path }) => (known.has(id) ? [] : [{
    path,
    message: `${id} is not a current ${kind} jury member of this candidate: register them with POST /candidates/:id/juries (kind "${kind}") and use the member id it answers`,
  }]));
  if (errors.length > 0) throw new HttpProblem(422, 'Unknown jury member', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}

/**
 * The members of a proposed certification jury who may not sit (impartiality): anyone who assessed the
 * candidate's blocks in this journey — matched on the person (email or reference), since the same person
 * gets a new member row on each jury — and anyone staff name as a trainer. (Selection reviewers and
 * interviewers judged the application, not the competencies, and may sit.)
 */
async function conflictedMemberIds(db: AppDeps['db'], candidateId: string, members: { id: string; email: string; personRef: string }[], trainers: string[]): Promise<string[]> {
  const earlier = await db.juryMember.findMany({
    where: { jury: { candidateId, kind: 'assessment' } },
    select: { email: true, personRef: true },
    take: 500,
  });
  const people = new Set([...earlier.flatMap((m) => [m.email.toLowerCase(), m.personRef.toLowerCase()]), ...trainers.map((t) => t.toLowerCase())]);
  return members.filter((m) => people.has(m.email.toLowerCase()) || people.has(m.personRef.toLowerCase())).map((m) => m.id);
}

export function actionsRouter(registry: ApiRegistry, { db, temporal }: AppDeps) {
  return registry.router((add) => {
    for (const def of ACTIONS) {
      add({
        method: 'post', path: `/candidates/:id/actions/${def.name}`, operationId: def.operationId, tag: 'Actions', roles: def.roles,
        summary: def.summary,
        params: idParams,
        body: def.body as z.ZodType,
        responses: {
          200: { description: 'Recorded: the receipt (applied false if this decision was already recorded) and the new journey state' },
          404: { description: 'No such candidate or no journey' },
          409: { description: 'Refused by the journey in its current state (reason in French and English)' },
          422: { description: 'Refused by the journey as inconsistent input' },
        },
        handler: async ({ params, body, staff, idempotencyKey }) => {
          const { candidate, journeyId } = await loadCandidate(db, params.id);
          // The Idempotency-Key doubles as the update id, so the journey itself dedups a repeated decision.
          const decisionId = idempotencyKey ? `api:${staff.staffUserId}:${idempotencyKey}` : `api:${randomUUID()}`;
          const ctx: ActionCtx = { client: temporal, db, journeyId, candidateId: candidate.id, base: { decisionId, actor: { kind: 'staff', staffId: staff.staffUserId } } };
          try {
            const answer = await (def.run as (c: ActionCtx, b: unknown) => Promise<DecisionReceipt | { signalled: true }>)(ctx, body);
            const { state: decided, ...receipt } = 'state' in answer ? answer : { ...answer, state: undefined };
            // The journey's own updates answer with its state: no query. Signals, block decisions and v1 journeys
            // do not; the decision is recorded at this point, so a state query that fails (a worker too busy to
            // answer in time) must not turn it into an error the caller would retry: the state is then null.
            const state = decided ?? (await journey.queryJourney(temporal, journeyId).catch(() => null));
            return { status: 200, body: { receipt, state } };
          } catch (error) {
            if (error instanceof journey.JourneyRefusal) throw refusalProblem(error);
            throw error;
          }
        },
      });
    }
  });
}
