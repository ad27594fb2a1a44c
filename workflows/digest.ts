// The jury digests' clock: one long-lived workflow (one per task queue) that, every `everyMs`, composes the
// digests due (at most one per person per `minIntervalMs`, only when something new is pending) and
// delivers them. Durable: a restart resumes the loop; the composition is idempotent per person and tick.
// Codes and ids only: the words and the list are built by the activity.
import { ActivityCancellationType, continueAsNew, patched, proxyActivities, sleep } from '@temporalio/workflow';
import type { DigestActivities } from '../activities/mail/digest';
import type { MailActivities } from '../activities/notification-types';
import { OUTBOX_DISPATCHER_PATCH, PERMANENT_ERRORS } from './support';

export interface JuryDigestsInput {
  /** How often the due digests are composed (default: every hour). */
  everyMs: number;
  /** At most one digest per person within this time (default: one day). */
  minIntervalMs: number;
}

export const JURY_DIGESTS_WORKFLOW_ID = 'jury-digests';
export const DEFAULT_JURY_DIGESTS: JuryDigestsInput = { everyMs: 3_600_000, minIntervalMs: 86_400_000 };
/** Ticks per run before continuing as new: the history stays small (a day of hourly ticks). */
const TICKS_PER_RUN = 24;

const { composeDigests } = proxyActivities<DigestActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes', backoffCoefficient: 2, nonRetryableErrorTypes: PERMANENT_ERRORS },
});
// Runs made before the outbox dispatcher deliver their digests themselves (the dispatcher delivers the
// others). As for the journeys' emails: an SMTP outage delays a digest, never loses it.
const { deliverEmail } = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '15 minutes', backoffCoefficient: 2, nonRetryableErrorTypes: PERMANENT_ERRORS },
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});

export async function juryDigests(input: JuryDigestsInput = DEFAULT_JURY_DIGESTS): Promise<never> {
  for (let tick = 0; tick < TICKS_PER_RUN; tick++) {
    const outboxIds = await composeDigests({ nowMs: Date.now(), minIntervalMs: input.minIntervalMs });
    // A digest refused for good (a bad address) must not stop the others, nor the clock.
    if (!patched(OUTBOX_DISPATCHER_PATCH)) await Promise.allSettled(outboxIds.map((id) => deliverEmail(id)));
    await sleep(input.everyMs);
  }
  return continueAsNew<typeof juryDigests>(input);
}
