// A bulk operation on many journeys: each item is one decision sent to its journey (through an activity,
// with a decision id of its own, so a retry after a worker crash applies nothing twice); progress is the
// workflow's query. Once every item has run, the operation waits 24 h for an undo, then closes.
import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { BULK_UNDO_WINDOW_MS } from '../domain/bulk-operations';
import type { createBulkOperationActivities } from '../activities/bulk-operations';
import * as b from './bulk-messages';

const acts = proxyActivities<ReturnType<typeof createBulkOperationActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['PermanentError'] },
});

/** Items run a few at a time: fast enough for hundreds, gentle on the journeys' worker. */
const CONCURRENCY = 4;

async function eachItem(items: b.BulkItemState[], f: (item: b.BulkItemState) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await f(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, lane));
}

export async function bulkOperation(input: b.BulkOperationInput): Promise<b.BulkOperationState> {
  const state: b.BulkOperationState = {
    operationId: input.operationId,
    kind: input.params.kind,
    phase: 'running',
    total: input.items.length,
    processed: 0,
    items: input.items.map((i) => ({ candidateId: i.candidateId, journeyId: i.journeyId })),
  };
  let undoRequestedBy: string | undefined;
  setHandler(b.bulkOperationStateQuery, () => state);
  setHandler(
    b.undoBulkOperationUpdate,
    (p) => {
      undoRequestedBy = p.staffId;
      return { accepted: true as const };
    },
    {
      validator: (_p: { staffId: string }) => {
        if (state.phase === 'done' && undoRequestedBy === undefined) return;
        const code = state.phase === 'running' ? 'bulk_still_running' : state.phase === 'closed' ? 'undo_window_passed' : 'bulk_already_undone';
        throw ApplicationFailure.create({ type: 'WrongStage', message: `WrongStage: ${code}`, details: [{ code }], nonRetryable: true });
      },
    },
  );

  await eachItem(state.items, async (item) => {
    try {
      Object.assign(item, await acts.applyBulkItem({ operationId: input.operationId, params: input.params, staffId: input.staffId, candidateId: item.candidateId, journeyId: item.journeyId }));
    } catch {
      item.outcome = 'failed';
      item.code = 'item_failed';
    }
    state.processed += 1;
  });
  state.phase = 'done';
  state.doneAtMs = Date.now();
  state.undoUntilMs = state.doneAtMs + BULK_UNDO_WINDOW_MS;

  const undo = await condition(() => undoRequestedBy !== undefined, BULK_UNDO_WINDOW_MS);
  if (!undo) {
    state.phase = 'closed';
    return state;
  }
  state.phase = 'undoing';
  state.undoneBy = undoRequestedBy;
  await eachItem(state.items, async (item) => {
    try {
      const r = await acts.undoBulkItem({
        operationId: input.operationId, params: input.params, staffId: undoRequestedBy!, candidateId: item.candidateId, journeyId: item.journeyId,
        outcome: item.outcome ?? 'failed', doneAtMs: state.doneAtMs!,
      });
      item.undo = r.undo;
      item.undoCode = r.code;
    } catch {
      item.undo = 'failed';
      item.undoCode = 'item_failed';
    }
  });
  state.phase = 'undone';
  await condition(allHandlersFinished);
  return state;
}
