// The quota reserve's messages (D2), defined once: the journey registers them, the API and the other
// journeys (a by-right admission, a withdrawal) send them through journey-client or an external handle.
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DecisionBase, DecisionReceipt } from './messages';

/** Staff's decision for a candidate on the quota reserve: admit on appeal (justified) or refuse. */
export type DecideQuotaReserve = DecisionBase &
  (
    | { decision: 'admit_on_appeal'; /** JourneyNote id of the written justification (personal text stays in the database). */ justificationRef: string }
    | { decision: 'refuse' }
  );

export const decideQuotaReserveUpdate = defineUpdate<DecisionReceipt, [DecideQuotaReserve]>('decideQuotaReserve');

/**
 * The cohort's admissions or its cut-off date changed: a journey on the quota reserve looks again (a place
 * may be theirs now). Carries nothing: the journey reads the reserve from the database.
 */
export const quotaReserveChangedSignal = defineSignal<[]>('quotaReserveChanged');
