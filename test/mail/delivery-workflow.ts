// Test harness only: delivers queued emails with the retry policy the journey uses for mail (unbounded
// retries, backoff), on a short interval so an outage of a second is a few attempts.
import { proxyActivities } from '@temporalio/workflow';
import type { MailActivities } from '../../activities/notification-types';

const { deliverEmail } = proxyActivities<MailActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 1.5, maximumInterval: '1 second' },
});

export async function deliverAll(outboxIds: string[]): Promise<string[]> {
  return Promise.all(outboxIds.map((id) => deliverEmail(id)));
}
