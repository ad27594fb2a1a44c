// FROZEN with workflows/v1/journey.ts (the v1 journey's commands depend on it).
// Workflow-side helpers shared by the journey and its children: activity proxies with their timeouts,
// email through the outbox (delivery never blocks the journey), and refusals with a bilingual reason.
import { ActivityCancellationType, ApplicationFailure, CancellationScope, proxyActivities } from '@temporalio/workflow';
import type { JourneyActivities } from '../../activities/journey-activities';
import type { ActionLinkRequest, EmailRequest, MailActivities, NotifyInput, TemplateDataOf, TemplateKind } from '../../activities/notification-types';
import type { RefusalType } from '../messages';

// Short record-keeping activities are never cancelled mid-way (a withdrawal stops waiting for them, and
// they complete anyway: the read model's version guard orders their writes). A cancel request racing an
// activity that had just completed answered ACTIVITY_UNKNOWN and stalled the journey on the test server.
export const journeyActivities = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
  cancellationType: ActivityCancellationType.ABANDON,
});

const { queueEmail } = proxyActivities<MailActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
  cancellationType: ActivityCancellationType.ABANDON,
});
// Unbounded retries with backoff: an SMTP outage delays mail, never loses it.
const { deliverEmail } = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '15 minutes', backoffCoefficient: 2 },
});

/** Queues emails (awaited) and delivers them in the background; `settle()` before completion or continue-as-new. */
export class Mailer {
  private pending: Promise<unknown>[] = [];
  constructor(private readonly journeyId: string) {}

  /** `data` is typed by the template (activities/notification-types.ts): a missing or misnamed fact fails `tsc` here. */
  async send<K extends TemplateKind>(
    purpose: string,
    template: K,
    to: NotifyInput['to'],
    ...[extra]: {} extends TemplateDataOf<K> ? [extra?: { data?: TemplateDataOf<K>; action?: ActionLinkRequest }] : [extra: { data: TemplateDataOf<K>; action?: ActionLinkRequest }]
  ) {
    const email = { template, data: extra?.data ?? {} } as EmailRequest;
    const queued = await queueEmail({ journeyId: this.journeyId, purpose, to, ...email, ...(extra?.action ? { action: extra.action } : {}) });
    // Not cancellable: an email decided before a withdrawal is still delivered. Rejections are kept for
    // settle(), never left unhandled (an unhandled rejection fails the workflow task, over and over).
    const delivery = CancellationScope.nonCancellable(() => deliverEmail(queued.outboxId));
    delivery.catch(() => undefined);
    this.pending.push(delivery);
    return queued;
  }

  /** Whether deliveries are still running (settle() has more to wait for). */
  get busy(): boolean {
    return this.pending.length > 0;
  }

  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.allSettled(pending);
  }
}

export function refuse(type: RefusalType, code: string, fr: string, en: string): never {
  throw ApplicationFailure.create({ type, message: en, details: [{ code, fr, en }], nonRetryable: true });
}
