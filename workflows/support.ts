// Workflow-side helpers shared by the journey and its children: activity proxies with their timeouts and
// retry policies, email through the outbox (delivery never blocks the journey), and refusals as codes.
import { ActivityCancellationType, ActivityFailure, ApplicationFailure, CancellationScope, patched, proxyActivities } from '@temporalio/workflow';
import type { JourneyActivities } from '../activities/journey-activities';
import type { QuotaReserveActivities } from '../activities/quota-reserve';
import type { TransitionActivities } from '../activities/transition-commit';
import type { ActionLinkRequest, EmailRequest, MailActivities, NotifyInput, NotifyResult, TemplateDataOf, TemplateKind } from '../activities/notification-types';
import type { RefusalType, RefusalDetails } from './messages';

/** Errors no retry can fix (a row that does not exist, an id of the wrong shape): fail at once. */
export const PERMANENT_ERRORS = ['RecordNotFound', 'InvalidId', 'RecipientNotFound', 'OutboxEmailNotFound', 'EmailRejected'];

// Short record-keeping activities are never cancelled mid-way (a withdrawal stops waiting for them, and
// they complete anyway: the read model's version guard orders their writes). A cancel request racing an
// activity that had just completed answered ACTIVITY_UNKNOWN and stalled the journey on the test server.
// Retries end: a database outage of up to a day is ridden out; after that the step fails where staff see it
// (the update's caller gets an error, the run shows the failure in the Temporal UI) instead of retrying forever.
export const journeyActivities = proxyActivities<JourneyActivities & QuotaReserveActivities & TransitionActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes', backoffCoefficient: 2, nonRetryableErrorTypes: PERMANENT_ERRORS },
  cancellationType: ActivityCancellationType.ABANDON,
});

const { queueEmail } = proxyActivities<MailActivities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes', backoffCoefficient: 2, nonRetryableErrorTypes: PERMANENT_ERRORS },
  cancellationType: ActivityCancellationType.ABANDON,
});
/**
 * Emails are delivered by the outbox dispatcher (activities/mail/dispatcher.ts), outside the workflow.
 * Journeys whose history was made before it (no marker) still schedule `deliverEmail` after each queued
 * email, as they did: their replay must issue the same commands (docs/upgrading.md).
 */
export const OUTBOX_DISPATCHER_PATCH = 'outbox-dispatcher';

// The one unbounded policy, on purpose: an SMTP outage delays mail, never loses it, and never holds the
// journey (deliveries run beside it). A refusal by the receiving server (5xx) is permanent.
const { deliverEmail } = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '15 minutes', backoffCoefficient: 2, nonRetryableErrorTypes: PERMANENT_ERRORS },
});

/** The template's data (and action link), required when the template has required facts. */
export type EmailExtra<K extends TemplateKind> = {} extends TemplateDataOf<K>
  ? [extra?: { data?: TemplateDataOf<K>; action?: ActionLinkRequest }]
  : [extra: { data: TemplateDataOf<K>; action?: ActionLinkRequest }];

const failureType = (error: unknown) => (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause.type : undefined);

/**
 * Queues emails (awaited); the dispatcher delivers them. Runs made before the dispatcher deliver them in
 * the background; `settle()` before completion or continue-as-new.
 */
export class Mailer {
  private pending: Promise<unknown>[] = [];
  /**
   * @param onMissingRecipient called when the recipient no longer exists (an erased person, a deleted jury
   * member): the email cannot be sent, staff are told, and the journey goes on.
   */
  constructor(
    private readonly journeyId: string,
    private readonly onMissingRecipient?: (purpose: string, to: NotifyInput['to']) => Promise<void>,
  ) {}

  /** `data` is typed by the template (activities/notification-types.ts): a missing or misnamed fact fails `tsc` here. */
  send<K extends TemplateKind>(purpose: string, template: K, to: NotifyInput['to'], ...extra: EmailExtra<K>): Promise<NotifyResult | undefined> {
    return this.sendRequest(this.request(purpose, template, to, ...extra));
  }

  /** Queues one email in its own activity (an email with no transition, or a step replayed as it was recorded). */
  async sendRequest(request: NotifyInput): Promise<NotifyResult | undefined> {
    let queued: NotifyResult;
    try {
      queued = await queueEmail(request);
    } catch (error) {
      if (failureType(error) !== 'RecipientNotFound') throw error;
      await this.recipientMissing(request.purpose, request.to, error);
      return undefined;
    }
    if (patched(OUTBOX_DISPATCHER_PATCH)) return queued;
    // Not cancellable: an email decided before a withdrawal is still delivered. Rejections are kept for
    // settle(), never left unhandled (an unhandled rejection fails the workflow task, over and over).
    const delivery = CancellationScope.nonCancellable(() => deliverEmail(queued.outboxId));
    delivery.catch(() => undefined);
    this.pending.push(delivery);
    return queued;
  }

  /** What `send` queues, for a transition that queues it in its own transaction (workflows/transition-step.ts). */
  request<K extends TemplateKind>(purpose: string, template: K, to: NotifyInput['to'], ...[extra]: EmailExtra<K>): NotifyInput {
    const email = { template, data: extra?.data ?? {} } as EmailRequest;
    return { journeyId: this.journeyId, purpose, to, ...email, ...(extra?.action ? { action: extra.action } : {}) };
  }

  /** The recipient no longer exists: staff are told and the journey goes on (staff always exist). */
  async recipientMissing(purpose: string, to: NotifyInput['to'], error: unknown): Promise<void> {
    if (to.kind === 'staff' || !this.onMissingRecipient) throw error;
    await this.onMissingRecipient(purpose, to);
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

/**
 * Refuses a decision with a stable code and the data its wording needs (identifiers, numbers, codes). The
 * words, French and English, come from activities/wording/refusals.ts on the caller's side: a wording fix is not a
 * workflow deploy.
 */
export function refuse(type: RefusalType, code: string, data?: RefusalDetails['data']): never {
  const details: RefusalDetails = data ? { code, data } : { code };
  throw ApplicationFailure.create({ type, message: `${type}: ${code}`, details: [details], nonRetryable: true });
}
