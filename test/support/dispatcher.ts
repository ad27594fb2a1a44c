// The outbox dispatcher of a test file, as the worker process runs it (activities/mail/dispatcher.ts):
// the journeys only queue their emails; this delivers them to the test stack's SMTP sink. It takes only
// the emails queued after it started: rows earlier files left queued (sealed under other secrets) stay.
import { startOutboxDispatcher, type OutboxDispatcher } from '../../activities/mail/dispatcher';
import type { DeliveryDeps } from '../../activities/mail/delivery';
import type { Database } from '../../platform/database';
import { createMailer } from '../../platform/mailer';

export function startTestDispatcher(db: Database, smtpUrl: string, config: DeliveryDeps['config']): Promise<OutboxDispatcher> {
  // Queued in this process: woken at once; the poll only catches retries after a backoff.
  return startOutboxDispatcher({ db, mailer: createMailer(smtpUrl, { pooled: true }), config, since: new Date(Date.now() - 1_000), pollMs: 500 });
}
