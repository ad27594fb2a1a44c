// Every recorded history of a workflow: each run of its continue-as-new chain and, recursively, of the
// children its runs started; and the text of a history, payloads decoded (they are JSON bytes).
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

async function historyOf(client: Client, workflowId: string, runId?: string): Promise<History> {
  return client.workflow.getHandle(workflowId, runId).fetchHistory();
}

/** The first run of a chain: walking back from the latest run through `continuedExecutionRunId`. */
async function firstRunId(client: Client, workflowId: string): Promise<string> {
  let runId = (await client.workflow.getHandle(workflowId).describe()).runId;
  for (;;) {
    const started = (await historyOf(client, workflowId, runId)).events?.[0]?.workflowExecutionStartedEventAttributes;
    const previous = started?.continuedExecutionRunId;
    if (!previous) return runId;
    runId = previous;
  }
}

/** Histories of every run of the workflow and of its children, children's children included. */
export async function allHistories(client: Client, workflowId: string, runId?: string): Promise<{ workflowId: string; runId: string; history: History }[]> {
  const found: { workflowId: string; runId: string; history: History }[] = [];
  let current: string | undefined = runId ?? (await firstRunId(client, workflowId));
  while (current) {
    const history = await historyOf(client, workflowId, current);
    found.push({ workflowId, runId: current, history });
    for (const e of history.events ?? []) {
      const child = e.childWorkflowExecutionStartedEventAttributes?.workflowExecution;
      if (child?.workflowId && child.runId) found.push(...(await allHistories(client, child.workflowId, child.runId)));
    }
    current = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return found;
}

/** All strings of a history, byte fields decoded as UTF-8 (payloads, memos, headers). */
export function historyText(history: History): string {
  const parts: string[] = [];
  const seen = new WeakSet<object>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (value instanceof Uint8Array) parts.push(Buffer.from(value).toString('utf8'));
    else if (value && typeof value === 'object' && !seen.has(value)) {
      seen.add(value);
      for (const v of Array.isArray(value) ? value : Object.values(value)) walk(v);
    }
  };
  walk(history);
  return parts.join('\n');
}
