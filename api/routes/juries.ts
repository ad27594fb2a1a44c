// The people a candidate's journey asks to decide: selection reviewers, interview jury members,
// assessors. Staff register them here (they have no account: they act through emailed links), then
// hand their ids to the journey (assign-selection-reviewers, offer-interview-slots, ...). The
// certification jury is composed in one step by the compose-jury action, which checks impartiality.
import { z } from 'zod';
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

export function juriesRouter(registry: ApiRegistry, db: Database) {
  return registry.router((add) => {
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
