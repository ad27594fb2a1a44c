// Caller side, for a journey that stopped on an error (failed, terminated, timed out): staff see it as
// failed — a query would still answer the state it had, as if it were waiting — and restart it from its
// last good state with Temporal's reset: the new run replays the history up to a completed workflow task
// and goes on from there. Undoing the last decision resets to just before the update that preceded the
// failure, without re-applying it (signals, such as dossier pieces received, are re-applied).
import { WorkflowFailedError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
// The proto package is CommonJS: Node's ESM loader sees only its default export.
import proto, { type temporal } from '@temporalio/proto';

const { EventType, ResetReapplyExcludeType } = proto.temporal.api.enums.v1;

/** Closed otherwise than by finishing: the journey needs staff. */
const STOPPED = new Set(['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELLED']);

export interface StoppedJourney {
  runId: string;
  /** FAILED, TERMINATED, TIMED_OUT or CANCELLED (Temporal's word). */
  closedAs: string;
  closedAt: string | null;
  /** The error's own message, as the workflow recorded it (codes and ids only: histories hold no personal data). */
  error: string | null;
}

/** The latest run, if it stopped on an error; undefined while it runs or once it finished normally. */
export async function stoppedJourney(client: Client, journeyId: string, described?: WorkflowExecutionDescription): Promise<StoppedJourney | undefined> {
  const handle = client.workflow.getHandle(journeyId);
  const d = described ?? (await handle.describe());
  if (!STOPPED.has(d.status.name)) return undefined;
  const error = await handle.result().then(
    () => null,
    (e: unknown) => (e instanceof WorkflowFailedError ? (e.cause?.message ?? e.message) : (e as Error).message),
  );
  return { runId: d.runId, closedAs: d.status.name, closedAt: d.closeTime?.toISOString() ?? null, error };
}

export class JourneyNotStopped extends Error {
  override readonly name = 'JourneyNotStopped';
}

/**
 * Resets a stopped journey to its last good state and answers the new run's id. `undoLastDecision`:
 * to before the last decision (update) accepted before it stopped, which is then not re-applied.
 */
export async function restartJourney(client: Client, journeyId: string, options: { reason: string; requestId: string; undoLastDecision: boolean }): Promise<{ runId: string; resetToEventId: number }> {
  const handle = client.workflow.getHandle(journeyId);
  const stopped = await stoppedJourney(client, journeyId);
  if (!stopped) throw new JourneyNotStopped(`Journey ${journeyId} is running or finished: only a failed, terminated or timed-out journey is restarted.`);
  const events = (await handle.fetchHistory()).events ?? [];
  const completedTasks = events.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  let before = Infinity;
  if (options.undoLastDecision) {
    const lastUpdate = events.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED).at(-1);
    if (!lastUpdate) throw new JourneyNotStopped(`Journey ${journeyId} has no decision to undo.`);
    before = Number(lastUpdate.eventId);
  }
  const resetTo = completedTasks.filter((e) => Number(e.eventId) < before).at(-1);
  if (!resetTo?.eventId) throw new JourneyNotStopped(`Journey ${journeyId} has no completed step to restart from.`);
  const response: temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse = await client.workflowService.resetWorkflowExecution({
    namespace: client.options.namespace,
    workflowExecution: { workflowId: journeyId, runId: stopped.runId },
    reason: options.reason,
    requestId: options.requestId,
    workflowTaskFinishEventId: resetTo.eventId,
    resetReapplyExcludeTypes: options.undoLastDecision ? [ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_UPDATE] : [],
  });
  return { runId: response.runId ?? '', resetToEventId: Number(resetTo.eventId) };
}
