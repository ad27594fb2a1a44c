// Candidates: create one (and start its journey), search and export, and everything staff read about
// one candidate: record, live journey state, timeline, documents, grades, decisions, emails.
import { z } from 'zod';
import { getReferential } from '../../domain/index';
import { EmailBeingSentError, resendEmail } from '../../activities/mail/index';
import { eventLabel } from '../../activities/wording/events';
import type { Prisma } from '../../platform/database';
import { JourneyRefusal, queryJourney, startJourney } from '../../workflows/journey-client';
import { ServiceError } from '@temporalio/client';
import { journeyWorkflowId } from '../../workflows/messages';
import { stoppedJourney, type StoppedJourney } from '../../workflows/journey-recovery';
import type { AppDeps } from '../app';
import { ADMISSIONS, ANY_ROLE } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { createCandidateBody, journeyInputOf, profileWarnings, referentialIssues } from './candidate-input';
import { csvLines, csvPreamble, dialectQuery } from './csv-export';
import { presentRow, searchCandidates, searchFilters, searchQuery } from './candidate-search';
import { cursorAs, idParams, isUniqueViolation, jsonSafe, notFound, page, pageQuery, invalidCursor } from './common';

export function refusalProblem(error: JourneyRefusal): HttpProblem {
  return new HttpProblem(error.httpStatus, `Refused: ${error.type}`, `${error.reason.fr} / ${error.reason.en}`, { refusal: error.type, reason: error.reason });
}

export function stoppedProblem(candidateId: string, stopped: StoppedJourney): HttpProblem {
  return new HttpProblem(409, 'Journey stopped on an error',
    `The journey stopped (${stopped.closedAs}${stopped.error ? `: ${stopped.error}` : ''}). An administrator restarts it from its last good state with POST /candidates/${candidateId}/journey/restart.`,
    { failure: stopped });
}

/** Names for audit actors: `staff:<id>`, `juryMember:<id>`, the candidate, the system. */
async function actorNames(db: AppDeps['db'], actors: string[], candidateName: string): Promise<Map<string, string>> {
  const ids = (kind: string) => [...new Set(actors.filter((a) => a.startsWith(`${kind}:`)).map((a) => a.slice(kind.length + 1)))].filter((id) => /^[0-9a-f-]{36}$/.test(id));
  const [staff, members] = await Promise.all([
    db.staffUser.findMany({ where: { id: { in: ids('staff') } }, select: { id: true, name: true } }),
    db.juryMember.findMany({ where: { id: { in: ids('juryMember') } }, select: { id: true, name: true } }),
  ]);
  const names = new Map<string, string>([['system', 'Jalon'], ['anonymous', '—']]);
  for (const s of staff) names.set(`staff:${s.id}`, s.name);
  for (const m of members) names.set(`juryMember:${m.id}`, m.name);
  for (const a of actors) if (a === 'candidate' || a.startsWith('candidate:')) names.set(a, candidateName);
  return names;
}

export async function loadCandidate(db: AppDeps['db'], id: string) {
  const candidate = await db.candidate.findUnique({ where: { id }, include: { cohort: true } });
  if (!candidate) throw notFound('Candidate', id);
  return { candidate, journeyId: journeyWorkflowId(candidate.cohort.referentialCode, candidate.id) };
}

export function candidatesRouter(registry: ApiRegistry, { db, temporal, config, mail }: AppDeps) {
  return registry.router((add) => {
    add({
      method: 'post', path: '/candidates', operationId: 'createCandidate', tag: 'Candidates', roles: ADMISSIONS,
      summary: 'Create a candidate in a cohort and start the journey (same cohort and externalRef: the existing one is returned)',
      body: createCandidateBody,
      responses: { 201: { description: 'Created, journey started' }, 200: { description: 'Already existed (same externalRef); journey ensured' }, 404: { description: 'No such cohort' }, 409: { description: 'The email is another candidate\'s in this cohort (without case)' } },
      handler: async ({ body }) => {
        const cohort = await db.cohort.findUnique({ where: { id: body.cohortId } });
        if (!cohort) throw notFound('Cohort', body.cohortId);
        const issues = referentialIssues(body, getReferential(cohort.referentialCode)).map((i) => ({ ...i, path: `body.${i.path}` }));
        if (issues.length) throw new HttpProblem(422, 'Not allowed by the referential', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { errors: issues });
        const { cohortId, ...fields } = body;
        const data = {
          cohortId, externalRef: fields.externalRef ?? null, firstName: fields.firstName, lastName: fields.lastName, email: fields.email.toLowerCase(),
          phone: fields.phone ?? null, route: fields.route, language: fields.language, enrolledBlocks: fields.enrolledBlocks ?? [],
          accommodations: (fields.accommodations ?? {}) as Prisma.InputJsonValue, declaredProfile: (fields.declaredProfile ?? {}) as Prisma.InputJsonValue,
        };
        let candidate;
        let created = true;
        try {
          candidate = await db.candidate.create({ data });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          // The same reference: the same person, sent again. Otherwise the address is another person's.
          const same = fields.externalRef ? await db.candidate.findUnique({ where: { cohortId_externalRef: { cohortId, externalRef: fields.externalRef } } }) : null;
          if (!same) {
            const holder = await db.candidate.findUnique({ where: { cohortId_email: { cohortId, email: data.email } }, select: { id: true, externalRef: true } });
            throw new HttpProblem(409, 'Email already used in this cohort', `${data.email} is already the address of candidate ${holder?.id ?? '?'}${holder?.externalRef ? ` (${holder.externalRef})` : ''} in this cohort (addresses are compared without case). Check the address, or open that candidate.`,
              { errors: [{ path: 'body.email', message: 'already used in this cohort' }], candidateId: holder?.id });
          }
          candidate = same;
          created = false;
        }
        const journey = await startJourney(temporal, config.taskQueue, journeyInputOf(candidate, cohort));
        return {
          status: created ? 201 : 200,
          body: { id: candidate.id, cohortId, externalRef: candidate.externalRef, created, journey, warnings: profileWarnings(candidate.declaredProfile) },
          headers: { Location: `/candidates/${candidate.id}` },
        };
      },
    });

    add({
      method: 'post', path: '/candidates/:id/journey', operationId: 'ensureJourney', tag: 'Candidates', roles: ADMISSIONS,
      summary: 'Start the candidate\'s journey if it is not running (returns the existing one otherwise)',
      params: idParams,
      responses: { 200: { description: 'The journey' }, 404: { description: 'No such candidate' }, 409: { description: 'The journey stopped on an error: restart it' } },
      handler: async ({ params }) => {
        const { candidate } = await loadCandidate(db, params.id);
        const journey = await startJourney(temporal, config.taskQueue, journeyInputOf(candidate, candidate.cohort));
        // An existing journey that stopped on an error is not "ensured": say so, and how to restart it.
        const stopped = journey.created ? undefined : await stoppedJourney(temporal, journey.journeyId);
        if (stopped) throw stoppedProblem(params.id, stopped);
        return { status: 200, body: journey };
      },
    });

    add({
      method: 'get', path: '/candidates', operationId: 'searchCandidates', tag: 'Candidates', roles: ANY_ROLE,
      summary: 'Search candidates by cohort, stage, route, awaited action, overdue; cursor pagination',
      query: searchQuery,
      responses: { 200: { description: 'A page of candidates with their journey read model' } },
      handler: async ({ query }) => {
        const now = new Date();
        const { cursor, limit, ...filters } = query;
        const rows = await searchCandidates(db, filters, { cursor: cursor === undefined ? undefined : cursorAs.uuid(cursor), limit }, now);
        const p = page(rows, limit, (r) => r.id);
        return { status: 200, body: { items: p.items.map((r) => presentRow(r, now)), nextCursor: p.nextCursor } };
      },
    });

    add({
      method: 'get', path: '/candidates/export.csv', operationId: 'exportCandidates', tag: 'Candidates', roles: ANY_ROLE,
      summary: 'The same search as CSV, streamed page by page (no limit: the whole selection)',
      query: z.strictObject({ ...searchFilters, dialect: dialectQuery }),
      responses: { 200: { description: 'CSV, UTF-8, header line first; cells that a spreadsheet would run as formulas start with an apostrophe', contentType: 'text/csv' } },
      handler: async ({ query, res }) => {
        const now = new Date();
        const { dialect, ...filters } = query;
        res.status(200).type('text/csv; charset=utf-8').set('Content-Disposition', 'attachment; filename="candidates.csv"');
        const columns = ['id', 'cohortId', 'externalRef', 'firstName', 'lastName', 'email', 'route', 'language', 'stage', 'status', 'nextDueAt', 'overdue'];
        res.write(csvPreamble(dialect) + csvLines([columns], dialect));
        let cursor: string | undefined;
        for (;;) {
          const rows = await searchCandidates(db, filters, { cursor, limit: 500 }, now);
          const items = rows.slice(0, 500).map((r) => presentRow(r, now));
          if (items.length) {
            const chunk = csvLines(items.map((c) => [c.id, c.cohortId, c.externalRef ?? '', c.firstName, c.lastName, c.email, c.route, c.language, c.journey?.stage ?? '', c.journey?.status ?? '', c.journey?.nextDueAt ?? '', c.journey?.overdue ? 'true' : 'false']), dialect);
            if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
          }
          if (rows.length <= 500) break;
          cursor = items[items.length - 1]!.id;
        }
        res.end();
      },
    });

    add({
      method: 'get', path: '/candidates/:id', operationId: 'getCandidate', tag: 'Candidates', roles: ANY_ROLE,
      summary: 'One candidate: record, journey read model, eligibility and admission',
      params: idParams,
      responses: { 200: { description: 'The candidate' }, 404: { description: 'No such candidate' } },
      handler: async ({ params }) => {
        const { candidate, journeyId } = await loadCandidate(db, params.id);
        const [view, eligibility, admission] = await Promise.all([
          db.journeyView.findUnique({ where: { candidateId: candidate.id } }),
          db.eligibilityResult.findUnique({ where: { candidateId: candidate.id } }),
          db.admission.findUnique({ where: { candidateId: candidate.id } }),
        ]);
        const { cohort, ...record } = candidate;
        return { status: 200, body: jsonSafe({ ...record, cohort: { id: cohort.id, code: cohort.code, referentialCode: cohort.referentialCode }, journeyId, journey: view, eligibility, admission }) };
      },
    });

    add({
      method: 'patch', path: '/candidates/:id', operationId: 'updateCandidateIdentity', tag: 'Candidates', roles: ADMISSIONS,
      summary: 'Correct a candidate\'s identity (names, email, phone, language), with the reason; audited before and after. The route and the profile are the journey\'s and do not change here',
      params: idParams,
      body: z
        .strictObject({
          firstName: z.string().trim().min(1).max(100).optional(),
          lastName: z.string().trim().min(1).max(100).optional(),
          email: z.email().max(254).optional(),
          phone: z.string().trim().regex(/^\+?[0-9 .()-]{6,20}$/, 'a phone number such as +33 6 12 34 56 78').nullable().optional(),
          language: z.enum(['fr', 'en']).optional(),
          reason: z.string().trim().min(5, 'say why in at least 5 characters').max(500),
        })
        .refine((b) => Object.keys(b).some((k) => k !== 'reason'), { message: 'nothing to change' }),
      responses: { 200: { description: 'The candidate\'s identity' }, 404: { description: 'No such candidate' }, 409: { description: 'The email is another candidate\'s in this cohort' } },
      handler: async ({ params, body, staff }) => {
        const { reason, ...changes } = body;
        const updated = await db.$transaction(async (tx) => {
          const before = await tx.candidate.findUnique({ where: { id: params.id } });
          if (!before || before.erasedAt) throw notFound('Candidate', params.id);
          if (changes.email && changes.email !== before.email) {
            const clash = await tx.candidate.findFirst({ where: { cohortId: before.cohortId, email: changes.email, id: { not: before.id } }, select: { id: true } });
            if (clash) throw new HttpProblem(409, 'Email already used', 'Another candidate of this cohort has this email.', { errors: [{ path: 'body.email', message: 'another candidate of this cohort has this email', code: 'already_exists' }] });
          }
          const after = await tx.candidate.update({ where: { id: before.id }, data: changes });
          const pick = (c: typeof before) => ({ firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone, language: c.language });
          await tx.auditEvent.create({ data: { candidateId: before.id, actor: `staff:${staff.staffUserId}`, action: 'candidate.identity_corrected', before: pick(before), after: { ...pick(after), reason } } });
          return after;
        });
        return { status: 200, body: { id: updated.id, firstName: updated.firstName, lastName: updated.lastName, email: updated.email, phone: updated.phone, language: updated.language } };
      },
    });

    add({
      method: 'get', path: '/candidates/:id/state', operationId: 'getJourneyState', tag: 'Candidates', roles: ANY_ROLE,
      summary: 'The live journey state (workflow query): stage, awaited actions with deadlines, blocks, recent events',
      params: idParams,
      responses: { 200: { description: 'JourneyState' }, 404: { description: 'No such candidate or no journey' }, 503: { description: 'The journey did not answer in time; retry' } },
      handler: async ({ params }) => {
        const { journeyId } = await loadCandidate(db, params.id);
        try {
          const state = await queryJourney(temporal, journeyId);
          // A stopped run still answers queries with the state it had, as if it were waiting: say it stopped.
          const stopped = await stoppedJourney(temporal, journeyId);
          if (!stopped) return { status: 200, body: state };
          return { status: 200, body: { ...state, status: 'failed', failure: { ...stopped, restart: `POST /candidates/${params.id}/journey/restart` } } };
        } catch (error) {
          if (error instanceof JourneyRefusal) throw refusalProblem(error);
          // The worker did not answer the query in time (busy, or restarting): a temporary condition.
          if (error instanceof ServiceError) {
            throw new HttpProblem(503, 'Journey state unavailable', 'The journey did not answer in time (the worker is busy or restarting). Retry in a few seconds; GET /candidates/:id has the last recorded stage.', { retryAfterSeconds: 2 });
          }
          throw error;
        }
      },
    });

    add({
      method: 'get', path: '/candidates/:id/timeline', operationId: 'getTimeline', tag: 'Candidates', roles: ANY_ROLE,
      summary: 'The audit trail of the candidate, newest first; cursor pagination',
      params: idParams,
      query: z.strictObject(pageQuery),
      responses: { 200: { description: 'A page of audit events' }, 404: { description: 'No such candidate' } },
      handler: async ({ params, query }) => {
        const { candidate } = await loadCandidate(db, params.id);
        const rows = await db.auditEvent.findMany({
          where: { candidateId: candidate.id, ...(query.cursor ? { id: { lt: cursorAs.bigint(query.cursor) } } : {}) },
          orderBy: { id: 'desc' },
          take: query.limit + 1,
        });
        const p = page(rows, query.limit, (r) => r.id.toString());
        // Said in words for people: the event (FR/EN) and who acted (a name, not an id).
        const names = await actorNames(db, p.items.map((e) => e.actor), `${candidate.firstName} ${candidate.lastName}`);
        const items = p.items.map(({ dedupKey: _d, ...e }) => ({ ...e, label: { fr: eventLabel(e.action, 'fr'), en: eventLabel(e.action, 'en') }, actorName: names.get(e.actor) ?? e.actor }));
        return { status: 200, body: jsonSafe({ items, nextCursor: p.nextCursor }) };
      },
    });

    add({
      method: 'get', path: '/candidates/:id/documents', operationId: 'getDocuments', tag: 'Candidates', roles: ANY_ROLE,
      summary: 'Dossier pieces received (one per kind) and the ones the referential still requires',
      params: idParams,
      responses: { 200: { description: 'Pieces' }, 404: { description: 'No such candidate' } },
      handler: async ({ params }) => {
        const { candidate } = await loadCandidate(db, params.id);
        const pieces = await db.dossierPiece.findMany({ where: { candidateId: candidate.id }, orderBy: { receivedAt: 'asc' } });
        const required = getReferential(candidate.cohort.referentialCode).admission.pieces.filter((p) => p.required).map((p) => p.kind);
        const have = new Set(pieces.map((p) => p.kind));
        return { status: 200, body: jsonSafe({ items: pieces, missing: required.filter((k) => !have.has(k)) }) };
      },
    });

    add({
      method: 'get', path: '/candidates/:id/grades', operationId: 'getGrades', tag: 'Candidates', roles: ANY_ROLE,
      summary: 'Assessment grades (every attempt), internship periods and the thesis',
      params: idParams,
      responses: { 200: { description: 'Grades' }, 404: { description: 'No such candidate' } },
      handler: async ({ params }) => {
        const { candidate } = await loadCandidate(db, params.id);
        const [assessments, internships, thesis] = await Promise.all([
          db.assessmentResult.findMany({ where: { candidateId: candidate.id }, orderBy: [{ blockCode: 'asc' }, { assessmentCode: 'asc' }, { attempt: 'asc' }] }),
          db.internshipPeriod.findMany({ where: { candidateId: candidate.id }, orderBy: { startOn: 'asc' } }),
          db.thesis.findUnique({ where: { candidateId: candidate.id } }),
        ]);
        return { status: 200, body: jsonSafe({ assessments, internships, thesis }) };
      },
    });

    add({
      method: 'get', path: '/candidates/:id/decisions', operationId: 'getDecisions', tag: 'Candidates', roles: ANY_ROLE,
      summary: 'Eligibility, admission and every jury with its members\' decisions',
      params: idParams,
      responses: { 200: { description: 'Decisions' }, 404: { description: 'No such candidate' } },
      handler: async ({ params }) => {
        const { candidate } = await loadCandidate(db, params.id);
        const [eligibility, admission, juries] = await Promise.all([
          db.eligibilityResult.findUnique({ where: { candidateId: candidate.id } }),
          db.admission.findUnique({ where: { candidateId: candidate.id } }),
          db.jury.findMany({
            where: { candidateId: candidate.id },
            orderBy: { createdAt: 'asc' },
            include: { members: { select: { id: true, name: true, kind: true, inActivity: true, replacedAt: true } }, decisions: { orderBy: { decidedAt: 'asc' } } },
          }),
        ]);
        return { status: 200, body: jsonSafe({ eligibility, admission, juries }) };
      },
    });

    add({
      method: 'get', path: '/candidates/:id/emails', operationId: 'getEmails', tag: 'Candidates', roles: ANY_ROLE,
      summary: 'Emails of the candidate\'s journey (outbox), newest first; cursor pagination',
      params: idParams,
      query: z.strictObject(pageQuery),
      responses: { 200: { description: 'A page of emails' }, 404: { description: 'No such candidate' } },
      handler: async ({ params, query }) => {
        const { journeyId } = await loadCandidate(db, params.id);
        const cursor = query.cursor ? await db.outboxEmail.findUnique({ where: { id: cursorAs.uuid(query.cursor) } }) : null;
        if (query.cursor && !cursor) throw invalidCursor();
        const rows = await db.outboxEmail.findMany({
          where: { journeyId, ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}) },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: query.limit + 1,
          select: { id: true, kind: true, recipient: true, language: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true, resendCount: true, payload: true },
        });
        const p = page(rows, query.limit, (r) => r.id);
        // The subject, as the recipient read it; never the body (it holds the link's placeholder).
        const items = p.items.map(({ payload, ...r }) => ({ ...r, subject: (payload as { subject?: string } | null)?.subject ?? null }));
        return { status: 200, body: jsonSafe({ items, nextCursor: p.nextCursor }) };
      },
    });

    add({
      method: 'post', path: '/candidates/:id/emails/:emailId/resend', operationId: 'resendEmail', tag: 'Candidates', roles: ADMISSIONS,
      summary: 'Send one of the candidate\'s journey emails again (counted and audited; its link works only while its token is valid)',
      params: z.strictObject({ id: z.uuid(), emailId: z.uuid() }),
      responses: { 200: { description: 'Sent again' }, 404: { description: 'No such candidate or email' }, 409: { description: 'Being sent right now (it will arrive once)' }, 502: { description: 'The mail server refused or did not answer' }, 503: { description: 'Email is not configured in this process' } },
      handler: async ({ params, staff }) => {
        if (!mail) throw new HttpProblem(503, 'Email not configured', 'This API process has no mailer; run the API with SMTP_URL set (npm start does).');
        const { journeyId } = await loadCandidate(db, params.id);
        const email = await db.outboxEmail.findFirst({ where: { id: params.emailId, journeyId }, select: { id: true } });
        if (!email) throw notFound('Email', params.emailId);
        try {
          return { status: 200, body: await resendEmail({ db, mailer: mail.mailer, config: mail.config, clock: () => new Date() }, email.id, `staff:${staff.staffUserId}`) };
        } catch (error) {
          // The claim: a resend racing the dispatcher's delivery gives one email, never two.
          if (error instanceof EmailBeingSentError) throw new HttpProblem(409, 'Email being sent', error.message);
          throw new HttpProblem(502, 'Email not sent', `The mail server did not accept the message: ${(error as Error).message}. It is tried again automatically (its status shows "retrying") unless the server refused it for good; check the address, then try again.`);
        }
      },
    });
  });
}
