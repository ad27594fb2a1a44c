// The people a candidate's journey asks to decide: selection reviewers, interview jury members,
// assessors. Staff register them here (they have no account: they act through emailed links), then
// hand their ids to the journey (assign-selection-reviewers, offer-interview-slots, ...). The
// certification jury is composed in one step by the compose-jury action, which checks impartiality.
import { z } from 'zod';
import { checkJuryComposition, getReferential } from '../../domain/index';
import type { Database } from '../../platform/database';
import { ADMISSIONS_OR_JURY, ANY_ROLE } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { displayText, idParams, notFound } from './common';

const memberIn = z.strictObject({
  name: displayText(200),
  email: z.email(),
  kind: z.enum(['school', 'external_professional']),
  inActivity: z.boolean().default(true),
  language: z.enum(['fr', 'en']).default('fr').describe('Language of the emails and link pages this member receives.'),
  personRef: z.string().trim().min(1).max(100).optional().describe('Your own identifier of the person (to spot conflicts of interest across juries).'),
});
export const createJuryBody = z.strictObject({
  kind: z.enum(['selection', 'interview', 'assessment']),
  members: z.array(memberIn).min(1).max(10),
});

const juryOut = z.object({
  id: z.uuid(),
  kind: z.string(),
  createdAt: z.string(),
  members: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string(), kind: z.string(), inActivity: z.boolean(), language: z.enum(['fr', 'en']), personRef: z.string() })),
});

const personOut = z.object({ personRef: z.string(), name: z.string(), email: z.string(), kind: z.enum(['school', 'external_professional']), inActivity: z.boolean() });

const CONFLICT_OF_KIND = { assessment: 'assessor', selection: 'reviewer', interview: 'interviewer' } as const;
const conflictOut = z.object({
  personRef: z.string(), name: z.string(), email: z.string(),
  reasons: z.array(z.enum(['assessor', 'reviewer', 'interviewer', 'trainer'])),
  blocking: z.boolean().describe('true: the referential excludes this person from the certification jury (trained or assessed the candidate).'),
});
type Conflict = z.infer<typeof conflictOut>;

/**
 * The people who already judged or trained this candidate, matched on the person (email or reference):
 * assessors and trainers may not sit on the certification jury (domain/jury.ts); reviewers and
 * interviewers judged the application, not the competencies, and may, but staff see them.
 */
async function candidateConflicts(db: Database, candidateId: string, trainers: string[]): Promise<Conflict[]> {
  const earlier = await db.juryMember.findMany({ where: { jury: { candidateId, kind: { in: ['assessment', 'selection', 'interview'] } } }, select: { personRef: true, name: true, email: true, jury: { select: { kind: true } } }, take: 500 });
  const byPerson = new Map<string, Conflict>();
  const note = (personRef: string, name: string, email: string, reason: Conflict['reasons'][number]) => {
    const c = byPerson.get(personRef) ?? { personRef, name, email, reasons: [], blocking: false };
    if (!c.reasons.includes(reason)) c.reasons.push(reason);
    c.blocking ||= reason === 'assessor' || reason === 'trainer';
    byPerson.set(personRef, c);
  };
  for (const m of earlier) note(m.personRef.toLowerCase(), m.name, m.email, CONFLICT_OF_KIND[m.jury.kind as keyof typeof CONFLICT_OF_KIND]);
  for (const t of trainers) note(t.toLowerCase(), t, t, 'trainer');
  return [...byPerson.values()];
}

const proposedMember = z.strictObject({ name: displayText(200), email: z.email(), kind: z.enum(['school', 'external_professional']), inActivity: z.boolean() });

export function juriesRouter(registry: ApiRegistry, db: Database) {
  return registry.router((add) => {
    add({
      method: 'get', path: '/candidates/:id/jury-conflicts', operationId: 'juryConflicts', tag: 'Juries', roles: ANY_ROLE,
      summary: 'Conflicts of interest known for a candidate before composing the certification jury: the people who assessed, reviewed or interviewed them',
      params: idParams,
      responses: { 200: { description: 'People with their reasons', schema: z.object({ items: z.array(conflictOut) }) }, 404: { description: 'No such candidate' } },
      handler: async ({ params }) => {
        const candidate = await db.candidate.findUnique({ where: { id: params.id }, select: { id: true } });
        if (!candidate) throw notFound('Candidate', params.id);
        return { status: 200, body: { items: await candidateConflicts(db, candidate.id, []) } };
      },
    });

    add({
      method: 'post', path: '/candidates/:id/certification-jury/check', operationId: 'checkCertificationJury', tag: 'Juries', roles: ANY_ROLE,
      summary: 'Check a proposed certification jury against the referential and the candidate\'s conflicts of interest, with the reasons in words; nothing is recorded',
      params: idParams,
      body: z.strictObject({ members: z.array(proposedMember).min(1).max(10), trainerAndAssessorIds: z.array(z.string().min(1).max(200)).max(50).default([]) }),
      responses: {
        200: { description: 'Valid or not, with reasons', schema: z.object({ valid: z.boolean(), reasons: z.array(z.object({ code: z.string(), fr: z.string(), en: z.string() })), conflicts: z.array(conflictOut) }) },
        404: { description: 'No such candidate' },
      },
      handler: async ({ params, body }) => {
        const candidate = await db.candidate.findUnique({ where: { id: params.id }, select: { id: true, cohort: { select: { referentialCode: true } } } });
        if (!candidate) throw notFound('Candidate', params.id);
        const conflicts = await candidateConflicts(db, candidate.id, body.trainerAndAssessorIds);
        const excluded = conflicts.filter((c) => c.blocking).flatMap((c) => [c.personRef, c.email.toLowerCase()]);
        const check = checkJuryComposition(
          body.members.map((m) => ({ id: m.email.toLowerCase(), name: m.name, kind: m.kind, inActivity: m.inActivity })),
          { trainerAndAssessorIds: excluded }, getReferential(candidate.cohort.referentialCode),
        );
        return { status: 200, body: { valid: check.valid, reasons: check.reasons, conflicts } };
      },
    });

    add({
      method: 'post', path: '/candidates/:id/juries', operationId: 'createJury', tag: 'Juries', roles: ADMISSIONS_OR_JURY,
      summary: 'Register the selection reviewers, interview jury or assessors of a candidate; answers their member ids',
      params: idParams,
      body: createJuryBody,
      responses: { 201: { description: 'Created', schema: juryOut }, 404: { description: 'No such candidate' } },
      handler: async ({ params, body }) => {
        const candidate = await db.candidate.findUnique({ where: { id: params.id }, select: { id: true } });
        if (!candidate) throw notFound('Candidate', params.id);
        const jury = await db.jury.create({
          data: {
            candidateId: candidate.id,
            kind: body.kind,
            members: { create: body.members.map((m) => ({ name: m.name, email: m.email, kind: m.kind, inActivity: m.inActivity, language: m.language, personRef: m.personRef ?? m.email.toLowerCase() })) },
          },
          include: { members: { orderBy: { name: 'asc' } } },
        });
        return { status: 201, body: present(jury), headers: { Location: `/candidates/${candidate.id}/juries` } };
      },
    });

    add({
      method: 'get', path: '/jury-people', operationId: 'listJuryPeople', tag: 'Juries', roles: ANY_ROLE,
      summary: 'People already registered on a jury (one entry per person, latest name and email): what staff pick reviewers, interviewers and assessors from',
      query: z.strictObject({ q: z.string().trim().max(100).optional().describe('Part of the name or email.') }),
      responses: { 200: { description: 'People', schema: z.object({ items: z.array(personOut) }) } },
      handler: async ({ query }) => {
        const like = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : '%';
        const rows = await db.$queryRaw<{ personRef: string; name: string; email: string; kind: string; inActivity: boolean }[]>`
          SELECT DISTINCT ON (m."personRef") m."personRef", m.name, m.email, m.kind, m."inActivity"
          FROM "JuryMember" m JOIN "Jury" j ON j.id = m."juryId"
          WHERE m."replacedAt" IS NULL AND (m.name ILIKE ${like} OR m.email ILIKE ${like})
          ORDER BY m."personRef", j."createdAt" DESC
          LIMIT 200`;
        return { status: 200, body: { items: rows.sort((a, b) => a.name.localeCompare(b.name, 'fr')) } };
      },
    });

    add({
      method: 'get', path: '/candidates/:id/juries', operationId: 'listJuries', tag: 'Juries', roles: ANY_ROLE,
      summary: 'The juries registered for a candidate, with their members (replaced members included, marked)',
      params: idParams,
      responses: { 200: { description: 'Juries', schema: z.object({ items: z.array(juryOut) }) }, 404: { description: 'No such candidate' } },
      handler: async ({ params }) => {
        const candidate = await db.candidate.findUnique({ where: { id: params.id }, select: { id: true } });
        if (!candidate) throw notFound('Candidate', params.id);
        // Bounded by nature: a handful of juries per candidate.
        const juries = await db.jury.findMany({ where: { candidateId: candidate.id }, include: { members: { orderBy: { name: 'asc' } } }, orderBy: { createdAt: 'asc' }, take: 100 });
        return { status: 200, body: { items: juries.map(present) } };
      },
    });
  });
}

type JuryWithMembers = NonNullable<Awaited<ReturnType<Database['jury']['findFirst']>>> & {
  members: { id: string; name: string; email: string; kind: string; inActivity: boolean; language: string; personRef: string; replacedAt: Date | null }[];
};
function present(jury: JuryWithMembers) {
  return {
    id: jury.id,
    kind: jury.kind,
    createdAt: jury.createdAt.toISOString(),
    members: jury.members.map((m) => ({ id: m.id, name: m.name, email: m.email, kind: m.kind, inActivity: m.inActivity, language: m.language === 'en' ? 'en' as const : 'fr' as const, personRef: m.personRef, replacedAt: m.replacedAt?.toISOString() ?? null })),
  };
}
