// Bulk operations from the console: a dry run says per candidate what would happen or why it would be
// refused (domain rules over the read model, nothing changed); confirming starts the bulkOperation
// workflow on the candidates found actionable; its progress is the workflow's query; an undo within
// 24 h reverses what can be, and says per candidate what cannot.
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import { BULK_EXTENSION_STEP_CODES, BULK_MAX_ITEMS, planBulkItem, planUndo, type BulkParams } from '../../domain/bulk-operations';
import { refusalWords } from '../../activities/wording/refusals';
import { loadBulkFacts, type CandidateFacts } from '../../activities/bulk-operations';
import * as journey from '../../workflows/journey-client';
import * as b from '../../workflows/bulk-messages';
import type { AppDeps } from '../app';
import { ADMISSIONS } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { searchCandidates, searchFilters } from './candidate-search';

const operation = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('extend_deadline'), step: z.enum(BULK_EXTENSION_STEP_CODES as [string, ...string[]]), days: z.number().int().min(1).max(365) }),
  z.strictObject({ kind: z.literal('suspend'), reasonCode: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'a reason code such as candidate_request').default('staff_decision') }),
  z.strictObject({ kind: z.literal('resume') }),
  z.strictObject({ kind: z.literal('resend_last_email') }),
  z.strictObject({ kind: z.literal('assign_reviewer'), personRef: z.string().trim().min(1).max(100).describe('A person of GET /jury-people.') }),
]);
const selection = z.union([
  z.strictObject({ candidateIds: z.array(z.uuid()).min(1).max(BULK_MAX_ITEMS) }),
  z.strictObject({ filter: z.strictObject(searchFilters) }),
]);
const requestBody = z.strictObject({ selection, operation });
type RequestBody = z.infer<typeof requestBody>;

const words = z.object({ fr: z.string(), en: z.string() });
const planItem = z.object({
  candidateId: z.uuid(), name: z.string(), externalRef: z.string().nullable(),
  verdict: z.enum(['apply', 'refuse']), code: z.string(), data: z.record(z.string(), z.union([z.string(), z.number()])).optional(), reason: words.optional(),
});
const dryRunOut = z.object({ items: z.array(planItem), applicable: z.number(), refused: z.number() });
const stateOut = z.object({
  id: z.string(), kind: z.string(), phase: z.enum(['running', 'done', 'undoing', 'undone', 'closed']), total: z.number(), processed: z.number(),
  doneAt: z.string().nullable(), undoUntil: z.string().nullable(),
  items: z.array(z.object({
    candidateId: z.uuid(), name: z.string(), outcome: z.string().nullable(), reason: words.optional(),
    undo: z.string().nullable(), undoReason: words.optional(),
    undoPreview: z.object({ possible: z.boolean(), reason: words.optional() }).optional(),
  })),
});

/** The candidates a selection names (by hand or by the list's filters), at most BULK_MAX_ITEMS. */
async function selected(db: AppDeps['db'], s: RequestBody['selection']) {
  if ('candidateIds' in s) {
    const rows = await db.candidate.findMany({ where: { id: { in: s.candidateIds }, erasedAt: null }, select: { id: true, firstName: true, lastName: true, externalRef: true } });
    const missing = s.candidateIds.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw new HttpProblem(422, 'Unknown candidate', `${missing.length} selected candidate(s) do not exist.`, { errors: missing.map((id) => ({ path: `body.selection.candidateIds.${s.candidateIds.indexOf(id)}`, message: 'no such candidate' })) });
    return rows;
  }
  const rows = await searchCandidates(db, s.filter, { limit: BULK_MAX_ITEMS }, new Date());
  if (rows.length > BULK_MAX_ITEMS) throw new HttpProblem(422, 'Selection too large', `The filter selects more than ${BULK_MAX_ITEMS} candidates; narrow it (cohort, stage, awaited action).`, { errors: [{ path: 'body.selection.filter', message: `more than ${BULK_MAX_ITEMS} candidates`, code: 'too_big', maximum: BULK_MAX_ITEMS }] });
  return rows;
}

/**
 * The journeys' own state where they answer (the read model records a wait's deadline only at the next
 * transition), the read model where they do not. A few queries at a time.
 */
async function withLiveState(temporal: AppDeps['temporal'], facts: Map<string, CandidateFacts>): Promise<void> {
  const open = [...facts.values()].filter((f) => f.journeyId && f.journey && f.journey.status !== 'ended');
  let next = 0;
  const lane = async () => {
    while (next < open.length) {
      const f = open[next++]!;
      const live = await journey.queryJourney(temporal, f.journeyId!).catch(() => undefined);
      if (live) f.journey = { status: live.status, stage: live.stage, awaiting: live.awaiting };
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
}

/** The operation as the workflow takes it: a reviewer by one of their member rows, never by address. */
async function paramsOf(db: AppDeps['db'], op: RequestBody['operation']): Promise<BulkParams> {
  if (op.kind !== 'assign_reviewer') return op as BulkParams;
  const row = await db.juryMember.findFirst({ where: { personRef: op.personRef, replacedAt: null }, orderBy: { jury: { createdAt: 'desc' } }, select: { id: true } });
  if (!row) throw new HttpProblem(422, 'Unknown person', 'This person is on no jury: pick one from GET /jury-people.', { errors: [{ path: 'body.operation.personRef', message: 'not a person of GET /jury-people' }] });
  return { kind: 'assign_reviewer', memberId: row.id };
}

async function dryRun({ db, temporal }: Pick<AppDeps, 'db' | 'temporal'>, body: RequestBody) {
  const params = await paramsOf(db, body.operation);
  const people = await selected(db, body.selection);
  const facts = await loadBulkFacts(db, people.map((p) => p.id));
  await withLiveState(temporal, facts);
  const items = people.map((p) => {
    const f = facts.get(p.id)!;
    const plan = planBulkItem(params, f);
    const code = plan.verdict === 'apply' ? plan.effect : plan.code;
    return {
      candidateId: p.id, name: `${p.lastName.toUpperCase()} ${p.firstName}`, externalRef: p.externalRef, journeyId: f.journeyId,
      verdict: plan.verdict, code, ...(plan.data ? { data: plan.data } : {}), ...(plan.verdict === 'refuse' ? { reason: refusalWords(code, plan.data) } : {}),
    };
  });
  return { params, items, applicable: items.filter((i) => i.verdict === 'apply').length, refused: items.filter((i) => i.verdict === 'refuse').length };
}

const withWords = (code: string | undefined) => (code ? { reason: refusalWords(code) } : {});
const operationIdOf = (staffId: string, key: string | undefined) =>
  key ? createHash('sha256').update(`${staffId}\n${key}`).digest('hex').slice(0, 32) : randomUUID().replace(/-/g, '');

export function bulkOperationsRouter(registry: ApiRegistry, { db, temporal, config }: AppDeps) {
  const handleOf = (id: string) => temporal.workflow.getHandle(b.bulkOperationWorkflowId(id));
  const notFound = (id: string) => new HttpProblem(404, 'No such bulk operation', `No bulk operation ${id}: check the address (operations are kept while Temporal retains them).`);

  async function present(id: string) {
    let s: b.BulkOperationState;
    try {
      s = await handleOf(id).query(b.bulkOperationStateQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw notFound(id);
      throw error;
    }
    const ids = s.items.map((i) => i.candidateId);
    const [names, facts] = await Promise.all([
      db.candidate.findMany({ where: { id: { in: ids } }, select: { id: true, firstName: true, lastName: true } }),
      s.phase === 'done' ? loadBulkFacts(db, ids) : Promise.resolve(undefined),
    ]);
    const nameOf = new Map(names.map((n) => [n.id, `${n.lastName.toUpperCase()} ${n.firstName}`]));
    return {
      id, kind: s.kind, phase: s.phase, total: s.total, processed: s.processed,
      doneAt: s.doneAtMs ? new Date(s.doneAtMs).toISOString() : null, undoUntil: s.undoUntilMs ? new Date(s.undoUntilMs).toISOString() : null,
      items: s.items.map((i) => {
        // Before an undo: what it would do for this candidate (the same rule the undo applies).
        const preview = facts && s.doneAtMs ? planUndo(s.kind, i.outcome ?? 'failed', facts.get(i.candidateId)!, s.doneAtMs, Date.now()) : undefined;
        return {
          candidateId: i.candidateId, name: nameOf.get(i.candidateId) ?? '—', outcome: i.outcome ?? null, ...withWords(i.code),
          undo: i.undo ?? null, ...(i.undoCode ? { undoReason: refusalWords(i.undoCode) } : {}),
          ...(preview ? { undoPreview: preview.verdict === 'undo' ? { possible: true } : { possible: false, reason: refusalWords(preview.code) } } : {}),
        };
      }),
    };
  }

  return registry.router((add) => {
    add({
      method: 'post', path: '/bulk-operations/dry-run', operationId: 'dryRunBulkOperation', tag: 'Bulk operations', roles: ADMISSIONS,
      summary: 'What a bulk operation would do to each selected candidate, or why it would be refused; nothing is changed',
      body: requestBody,
      responses: { 200: { description: 'One line per candidate', schema: dryRunOut }, 422: { description: 'Unknown candidate or selection too large' } },
      handler: async ({ body }) => {
        const r = await dryRun({ db, temporal }, body);
        return { status: 200, body: { applicable: r.applicable, refused: r.refused, items: r.items.map(({ journeyId: _j, ...i }) => i) } };
      },
    });

    add({
      method: 'post', path: '/bulk-operations', operationId: 'startBulkOperation', tag: 'Bulk operations', roles: ADMISSIONS,
      summary: 'Run a bulk operation on the candidates its dry run finds actionable (a workflow; progress at GET /bulk-operations/:id). Send an Idempotency-Key: a repeated request starts nothing twice',
      body: requestBody,
      responses: { 202: { description: 'Started', schema: stateOut }, 422: { description: 'No candidate of the selection can take this operation' } },
      handler: async ({ body, staff, idempotencyKey }) => {
        const plan = await dryRun({ db, temporal }, body);
        const items = plan.items.filter((i) => i.verdict === 'apply' && i.journeyId).map((i) => ({ candidateId: i.candidateId, journeyId: i.journeyId! }));
        if (items.length === 0) throw new HttpProblem(422, 'Nothing to do', 'No selected candidate can take this operation now (the dry run says why for each).', { errors: [{ path: 'body.selection', message: 'no candidate can take this operation', code: 'nothing_to_do' }] });
        const id = operationIdOf(staff.staffUserId, idempotencyKey);
        await temporal.workflow.start(b.BULK_OPERATION_WORKFLOW_TYPE, {
          taskQueue: config.taskQueue, workflowId: b.bulkOperationWorkflowId(id),
          args: [{ operationId: id, params: plan.params, staffId: staff.staffUserId, items } satisfies b.BulkOperationInput],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        });
        return { status: 202, body: await present(id), headers: { Location: `/bulk-operations/${id}` } };
      },
    });

    add({
      method: 'get', path: '/bulk-operations/:id', operationId: 'getBulkOperation', tag: 'Bulk operations', roles: ADMISSIONS,
      summary: 'Progress and result per candidate; once done, whether each can still be undone and why not',
      params: z.strictObject({ id: z.string().regex(/^[0-9a-f]{32}$/) }),
      responses: { 200: { description: 'The operation', schema: stateOut }, 404: { description: 'No such operation' } },
      handler: async ({ params }) => ({ status: 200, body: await present(params.id) }),
    });

    add({
      method: 'post', path: '/bulk-operations/:id/undo', operationId: 'undoBulkOperation', tag: 'Bulk operations', roles: ADMISSIONS,
      summary: 'Undo what can be undone (within 24 h of the end); the result says per candidate what could not',
      params: z.strictObject({ id: z.string().regex(/^[0-9a-f]{32}$/) }),
      responses: { 202: { description: 'Undo started', schema: stateOut }, 404: { description: 'No such operation' }, 409: { description: 'Still running, already undone, or past the 24 h' } },
      handler: async ({ params, staff }) => {
        try {
          await handleOf(params.id).executeUpdate(b.undoBulkOperationUpdate, { args: [{ staffId: staff.staffUserId }] });
        } catch (error) {
          if (error instanceof WorkflowUpdateFailedError) {
            const code = ((error.cause as { details?: { code?: string }[] } | undefined)?.details?.[0]?.code) ?? 'undo_window_passed';
            const reason = refusalWords(code);
            throw new HttpProblem(409, 'Undo refused', `${reason.fr} / ${reason.en}`, { reason: { code, ...reason } });
          }
          if (error instanceof WorkflowNotFoundError) {
            // A closed operation: undone already, or its 24 hours are over (or it never existed).
            const closed = await handleOf(params.id).query(b.bulkOperationStateQuery).catch(() => undefined);
            if (!closed) throw notFound(params.id);
            const code = closed.phase === 'undone' ? 'bulk_already_undone' : 'undo_window_passed';
            const reason = refusalWords(code);
            throw new HttpProblem(409, 'Undo refused', `${reason.fr} / ${reason.en}`, { reason: { code, ...reason } });
          }
          throw error;
        }
        return { status: 202, body: await present(params.id) };
      },
    });
  });
}
