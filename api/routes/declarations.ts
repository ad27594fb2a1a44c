// The CPF declaration of certified holders (the CDC's "accrochage"): staff enter each holder's identity
// (or the holder does, in the candidate space: api/candidate-space/cpf-identity.tsx),
// an administrator sets the certifier's CDC identifiers, staff build a flux (valid against the CDC's XSD),
// download it, record its deposit, then the CDC's acknowledgement line by line.
import { z } from 'zod';
import { startCpfDeadlineWorkflow } from '../../activities/cpf/activities';
import { identityInput, loadAwards } from '../../activities/cpf/awards';
import { holderAwardOf, holderBirthDateFault, saveCpfIdentity } from '../../activities/cpf/identity';
import { CPF_SETTINGS_ID, CpfRefusal, buildDeclaration, recordAcknowledgement, recordDeposit } from '../../activities/cpf/declarations';
import { BIRTH_DATE_FAULT_MESSAGES, cpfDeclarationDueMs, cpfIdentitySchema, cpfSettingsSchema, identityProblems } from '../../domain/index';
import { journeyWorkflowId } from '../../workflows/messages';
import type { AppDeps } from '../app';
import { ADMIN, ADMISSIONS, ANY_ROLE } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { idParams, notFound } from './common';

const refusal = (error: unknown): never => {
  if (error instanceof CpfRefusal) throw new HttpProblem(error.status, error.title, error.message, { ...(error.errors.length ? { errors: error.errors } : {}), ...(error.reason ? { reason: error.reason } : {}) });
  throw error;
};
const staffRef = (s: { staffUserId: string }) => `staff:${s.staffUserId}`;
const fluxOf = (line: { declaration: { idFlux: string; depositedAt: Date | null } } | undefined) =>
  (line ? { idFlux: line.declaration.idFlux, deposited: line.declaration.depositedAt !== null } : null);

const awardOut = z.object({
  juryId: z.string(), candidateId: z.string(), name: z.string(), awardedAt: z.string(), status: z.enum(['declared', 'pending', 'to_declare']), identityComplete: z.boolean(),
  dueAt: z.string().describe('The declaration deadline: three months after the award.'),
  missing: z.array(z.object({ field: z.string(), message: z.string() })).describe('What keeps the holder\'s identity out of a flux, each field named.'),
  rejection: z.object({ reason: z.string().nullable(), at: z.string().nullable() }).nullable().describe('The CDC\'s last rejection of this award, while it is back to "to declare".'),
  flux: z.object({ idFlux: z.string(), deposited: z.boolean() }).nullable().describe('The flux awaiting the CDC\'s answer that holds this award (status "pending"): deposited or still to deposit.'),
});
const identityOut = z.object({
  birthName: z.string(), usageName: z.string().nullable(), firstNames: z.array(z.string()), birthDate: z.string(), sex: z.string(), bornIn: z.string(),
  birthCommuneInsee: z.string().nullable(), birthPostalCode: z.string().nullable(), birthCommuneName: z.string().nullable(), birthCountryCode: z.string().nullable(), birthCountryName: z.string().nullable(),
});
const problemsOut = z.array(z.object({ field: z.string(), message: z.string() }));
const builtOut = z.object({
  id: z.string(), idFlux: z.string(), sha256: z.string(),
  lines: z.array(z.object({ juryId: z.string(), candidateId: z.string(), name: z.string() })),
  skipped: z.array(z.object({ juryId: z.string(), candidateId: z.string(), name: z.string(), problems: problemsOut })),
});
const declarationOut = z.object({
  id: z.string(), idFlux: z.string(), sha256: z.string(), status: z.string(), createdAt: z.string(), depositedAt: z.string().nullable(), acknowledgedAt: z.string().nullable(),
  lines: z.array(z.object({ juryId: z.string(), candidateId: z.string(), status: z.string(), rejectionReason: z.string().nullable() })),
});

export function declarationsRouter(registry: ApiRegistry, { db, temporal, config }: Pick<AppDeps, 'db' | 'temporal' | 'config'>) {
  const present = async (id: string) => {
    const d = await db.cpfDeclaration.findUnique({ where: { id }, include: { lines: { orderBy: { juryId: 'asc' } } } });
    if (!d) throw notFound('CPF declaration', id);
    return {
      id: d.id, idFlux: d.idFlux, sha256: d.sha256, status: d.status, createdAt: d.createdAt.toISOString(), depositedAt: d.depositedAt?.toISOString() ?? null, acknowledgedAt: d.acknowledgedAt?.toISOString() ?? null,
      lines: d.lines.map((l) => ({ juryId: l.juryId, candidateId: l.candidateId, status: l.status, rejectionReason: l.rejectionReason })),
    };
  };

  return registry.router((add) => {
    add({
      method: 'put', path: '/candidates/:id/cpf-identity', operationId: 'setCpfIdentity', tag: 'Official records', roles: ADMISSIONS,
      summary: 'Record a certified holder\'s identity as the CPF declaration needs it (birth name, first names, birth date, sex, birth commune or country)',
      params: idParams, body: cpfIdentitySchema,
      responses: { 200: { description: 'Recorded', schema: identityOut }, 404: { description: 'No such candidate' }, 409: { description: 'Not a certified holder' }, 422: { description: 'The birth date is after today, or makes the holder under 15 or over 100 at the award' } },
      handler: async ({ params, body, staff }) => {
        const candidate = await db.candidate.findUnique({ where: { id: params.id }, select: { id: true } });
        if (!candidate) throw notFound('Candidate', params.id);
        const award = await holderAwardOf(db, params.id);
        if (!award) throw new HttpProblem(409, 'Not a certified holder', 'Only certified holders are declared to the CPF: this candidate has no certification jury that awarded the certification. Nothing was recorded.');
        const fault = holderBirthDateFault(body.birthDate, award, new Date());
        if (fault) {
          const message = BIRTH_DATE_FAULT_MESSAGES[fault];
          throw new HttpProblem(422, 'Implausible birth date', `${message}. Nothing was recorded.`, { errors: [{ path: 'body.birthDate', message, code: `birth_date_${fault}` }] });
        }
        const row = await saveCpfIdentity(db, params.id, body, staffRef(staff));
        return { status: 200, body: identityInput(row) };
      },
    });

    add({
      method: 'get', path: '/candidates/:id/cpf-identity', operationId: 'getCpfIdentity', tag: 'Official records', roles: ADMISSIONS,
      summary: 'A certified holder\'s identity for the CPF declaration',
      params: idParams,
      responses: { 200: { description: 'The identity', schema: identityOut }, 404: { description: 'None recorded' } },
      handler: async ({ params }) => {
        const row = await db.cpfIdentity.findUnique({ where: { candidateId: params.id } });
        if (!row) throw notFound('CPF identity', params.id);
        return { status: 200, body: identityInput(row) };
      },
    });

    add({
      method: 'get', path: '/declarations/cpf/settings', operationId: 'getCpfSettings', tag: 'Official records', roles: ANY_ROLE,
      summary: 'The certifier\'s identifiers at the CDC (idClient, idContrat)',
      responses: { 200: { description: 'The settings', schema: z.object({ idClient: z.string().nullable(), idContrat: z.string().nullable() }) } },
      handler: async () => {
        const row = await db.cpfSettings.findUnique({ where: { id: CPF_SETTINGS_ID } });
        return { status: 200, body: { idClient: row?.idClient ?? null, idContrat: row?.idContrat ?? null } };
      },
    });

    add({
      method: 'put', path: '/declarations/cpf/settings', operationId: 'setCpfSettings', tag: 'Official records', roles: ADMIN,
      summary: 'Set the certifier\'s identifiers at the CDC: idClient (8 characters) and idContrat',
      body: cpfSettingsSchema,
      responses: { 200: { description: 'Set' } },
      handler: async ({ body, staff }) => {
        const data = { ...body, updatedBy: staffRef(staff), updatedAt: new Date() };
        await db.cpfSettings.upsert({ where: { id: CPF_SETTINGS_ID }, create: { id: CPF_SETTINGS_ID, ...data }, update: data });
        return { status: 200, body };
      },
    });

    add({
      method: 'get', path: '/declarations/cpf/awards', operationId: 'listCpfAwards', tag: 'Official records', roles: ADMISSIONS,
      summary: 'Certified holders and where their CPF declaration stands (declared, pending the CDC, to declare)',
      query: z.strictObject({ status: z.enum(['declared', 'pending', 'to_declare']).optional() }),
      responses: { 200: { description: 'Awards', schema: z.object({ items: z.array(awardOut) }) } },
      handler: async ({ query }) => {
        const awards = (await loadAwards(db)).filter((a) => !query.status || a.status === query.status);
        const juryIds = awards.map((a) => a.juryId);
        const rejected = await db.cpfDeclarationLine.findMany({ where: { juryId: { in: juryIds }, status: 'rejected' }, orderBy: { markedAt: 'desc' } });
        const pending = await db.cpfDeclarationLine.findMany({ where: { juryId: { in: juryIds }, status: 'pending' }, include: { declaration: { select: { idFlux: true, depositedAt: true } } } });
        const items = awards.map((a) => {
          const missing = identityProblems(a.identity);
          const rejection = a.status === 'to_declare' ? rejected.find((l) => l.juryId === a.juryId) : undefined;
          return {
            juryId: a.juryId, candidateId: a.candidateId, name: a.name, awardedAt: a.awardedAt.toISOString(), status: a.status, identityComplete: missing.length === 0,
            dueAt: new Date(cpfDeclarationDueMs(a.awardedAt.getTime())).toISOString(), missing,
            rejection: rejection ? { reason: rejection.rejectionReason, at: rejection.markedAt?.toISOString() ?? null } : null,
            flux: fluxOf(a.status === 'pending' ? pending.find((l) => l.juryId === a.juryId) : undefined),
          };
        });
        return { status: 200, body: { items } };
      },
    });

    add({
      method: 'post', path: '/declarations/cpf/deadlines', operationId: 'startCpfDeadlines', tag: 'Official records', roles: ADMIN,
      summary: 'Start the three-month declaration deadline of every award not yet declared that has none (awards made before this version); idempotent',
      responses: { 200: { description: 'How many were started', schema: z.object({ started: z.number(), alreadyThere: z.number() }) } },
      handler: async () => {
        let started = 0;
        const awards = (await loadAwards(db)).filter((a) => a.status !== 'declared');
        for (const a of awards) {
          const input = { juryId: a.juryId, journeyId: journeyWorkflowId(a.referentialCode, a.candidateId), awardedAtMs: a.awardedAt.getTime() };
          if (await startCpfDeadlineWorkflow(temporal, config.taskQueue, input)) started += 1;
        }
        return { status: 200, body: { started, alreadyThere: awards.length - started } };
      },
    });

    add({
      method: 'post', path: '/declarations/cpf', operationId: 'buildCpfDeclaration', tag: 'Official records', roles: ADMISSIONS,
      summary: 'Build one CPF flux (valid against the CDC\'s XSD) for the awards still to declare, or for the chosen ones',
      body: z.strictObject({ juryIds: z.array(z.uuid()).min(1).max(1000).optional().describe('The awards (certification jury ids) to declare; all those to declare when absent.') }),
      responses: { 201: { description: 'Built', schema: builtOut }, 409: { description: 'Nothing to declare, or the CDC identifiers are not set' }, 422: { description: 'A chosen award cannot be declared (each named)' } },
      handler: async ({ body, staff }) => {
        const built = await buildDeclaration(db, { juryIds: body.juryIds, staffRef: staffRef(staff), now: new Date() }).catch(refusal);
        return { status: 201, body: built, headers: { Location: `/declarations/cpf/${built.id}` } };
      },
    });

    add({
      method: 'get', path: '/declarations/cpf', operationId: 'listCpfDeclarations', tag: 'Official records', roles: ADMISSIONS,
      summary: 'The CPF fluxes built, newest first',
      responses: { 200: { description: 'Fluxes', schema: z.object({ items: z.array(declarationOut) }) } },
      handler: async () => {
        const rows = await db.cpfDeclaration.findMany({ orderBy: { createdAt: 'desc' }, take: 200, select: { id: true } });
        return { status: 200, body: { items: await Promise.all(rows.map((r) => present(r.id))) } };
      },
    });

    add({
      method: 'get', path: '/declarations/cpf/:id', operationId: 'getCpfDeclaration', tag: 'Official records', roles: ADMISSIONS,
      summary: 'One CPF flux: its status and lines', params: idParams,
      responses: { 200: { description: 'The flux', schema: declarationOut }, 404: { description: 'No such flux' } },
      handler: async ({ params }) => ({ status: 200, body: await present(params.id) }),
    });

    add({
      method: 'get', path: '/declarations/cpf/:id/flux.xml', operationId: 'downloadCpfFlux', tag: 'Official records', roles: ADMISSIONS,
      summary: 'The flux\'s XML, to deposit on the CDC\'s service', params: idParams,
      responses: { 200: { description: 'The XML', contentType: 'application/xml' }, 404: { description: 'No such flux' } },
      handler: async ({ params, res }) => {
        const d = await db.cpfDeclaration.findUnique({ where: { id: params.id }, select: { idFlux: true, xml: true, sha256: true } });
        if (!d) throw notFound('CPF declaration', params.id);
        res.status(200).type('application/xml; charset=utf-8').set('Content-Disposition', `attachment; filename="${d.idFlux}.xml"`).set('X-Content-SHA256', d.sha256).send(d.xml);
      },
    });

    add({
      method: 'post', path: '/declarations/cpf/:id/deposit', operationId: 'recordCpfDeposit', tag: 'Official records', roles: ADMISSIONS,
      summary: 'Record that the flux was deposited on the CDC\'s service', params: idParams,
      body: z.strictObject({ depositedAt: z.iso.datetime({ offset: true }).optional().describe('When it was deposited; now when absent.') }),
      responses: { 200: { description: 'Recorded', schema: declarationOut }, 404: { description: 'No such flux' } },
      handler: async ({ params, body, staff }) => {
        await recordDeposit(db, params.id, { staffRef: staffRef(staff), depositedAt: body.depositedAt ? new Date(body.depositedAt) : new Date() }).catch(refusal);
        return { status: 200, body: await present(params.id) };
      },
    });

    add({
      method: 'post', path: '/declarations/cpf/:id/acknowledgement', operationId: 'recordCpfAcknowledgement', tag: 'Official records', roles: ADMISSIONS,
      summary: 'Record the CDC\'s acknowledgement: each line accepted or rejected (a rejected award goes back to "to declare")', params: idParams,
      body: z.strictObject({
        lines: z.array(z.strictObject({ juryId: z.uuid(), status: z.enum(['accepted', 'rejected']), reason: z.string().trim().max(500).optional().describe('The CDC\'s reason for a rejection: required for a rejected line.') })
          .superRefine((l, ctx) => {
            // The reason is what tells staff what to correct before declaring the holder again.
            if (l.status === 'rejected' && !l.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: `The line ${l.juryId} is rejected without the CDC's reason: give the reason the acknowledgement states (it says what to correct). Nothing was recorded.` });
          })).min(1).max(1000),
      }),
      responses: { 200: { description: 'Recorded', schema: declarationOut }, 400: { description: 'A rejected line without the CDC\'s reason (the line named)' }, 404: { description: 'No such flux' }, 409: { description: 'Not deposited yet' }, 422: { description: 'A line is not in this flux' } },
      handler: async ({ params, body, staff }) => {
        await recordAcknowledgement(db, params.id, { lines: body.lines, staffRef: staffRef(staff), now: new Date() }).catch(refusal);
        return { status: 200, body: await present(params.id) };
      },
    });
  });
}
