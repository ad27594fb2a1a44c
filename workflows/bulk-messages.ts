// The bulk operation workflow's input, state and messages, defined once for the workflow and its callers
// (api/routes/bulk-operations.ts). Codes and identifiers only; the words are activities/wording/refusals.ts.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BulkKind, BulkParams, ItemOutcome } from '../domain/bulk-operations';

export const BULK_OPERATION_WORKFLOW_TYPE = 'bulkOperation';
export const bulkOperationWorkflowId = (operationId: string) => `bulk-operation:${operationId}`;

export interface BulkOperationInput {
  operationId: string;
  params: BulkParams;
  staffId: string;
  /** The candidates the dry run found actionable; the journeys' validators decide again when it runs. */
  items: { candidateId: string; journeyId: string }[];
}

export interface BulkItemState {
  candidateId: string;
  journeyId: string;
  outcome?: ItemOutcome;
  /** Refusal or failure code. */
  code?: string;
  undo?: 'undone' | 'cannot' | 'failed';
  undoCode?: string;
}

export type BulkPhase = 'running' | 'done' | 'undoing' | 'undone' | 'closed';

export interface BulkOperationState {
  operationId: string;
  kind: BulkKind;
  phase: BulkPhase;
  total: number;
  processed: number;
  /** When every item had run (epoch ms); the undo window counts from here. */
  doneAtMs?: number;
  undoUntilMs?: number;
  undoneBy?: string;
  items: BulkItemState[];
}

/** What one item's activity answers. */
export interface BulkItemResult {
  outcome: ItemOutcome;
  code?: string;
}
export interface BulkUndoResult {
  undo: 'undone' | 'cannot';
  code?: string;
}

export const bulkOperationStateQuery = defineQuery<BulkOperationState>('bulkOperationState');
/** Staff ask to undo; refused while the items still run, after an undo, or once the window closed. */
export const undoBulkOperationUpdate = defineUpdate<{ accepted: true }, [{ staffId: string }]>('undoBulkOperation');
