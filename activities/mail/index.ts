// The mail activities the journey calls (contract: activities/notification-types.ts), and the plain
// functions the staff API uses (resend, list).
import type { ActivityDeps } from '../deps';
import type { MailActivities } from '../notification-types';
import { deliverEmail, queueEmail } from './outbox';

export function createMailActivities(deps: ActivityDeps): MailActivities {
  return {
    queueEmail: (input) => queueEmail(deps, input),
    deliverEmail: (outboxId) => deliverEmail(deps, outboxId),
  };
}

export { resendEmail, EmailBeingSentError, listJourneyEmails, type OutboxEmailSummary, type OutboxPayload, type OutboxStatus } from './outbox';
export { resolveActionToken, markTokenUsed, hashToken, mintToken, actionLink, TOKEN_PATTERN, type TokenResolution, type ActionTokenRow } from './action-tokens';
export { renderEmail, type RenderedEmail } from './render';
export { buildIcs } from './ics';
