// The CPF declaration deadline of one award: the law gives the certifier three months from the award to
// declare the holder to the CDC. One durable workflow per award (rather than a Schedule scanning every
// award daily) because the deadline is per award and precise to the day, its reminders are its own timers
// (no scan to miss or repeat), and it runs on the time-skipping test server, which has no Schedules.
// Before each reminder it asks where the declaration stands, and ends once the CDC accepted it. It holds
// identifiers and dates only; the emails name the holder from the database.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { CpfActivities, CpfDeadlineInput } from '../activities/cpf/activities';
import { cpfDeadlinePlan, cpfDeclarationDueMs } from '../domain/cpf-deadline';
import { msToIsoDate } from '../domain/calendar';
import { Mailer, PERMANENT_ERRORS } from './support';

const { cpfDeclarationStatus } = proxyActivities<CpfActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes', backoffCoefficient: 2, nonRetryableErrorTypes: PERMANENT_ERRORS },
});

export type CpfDeadlineResult = 'declared' | 'still_undeclared';

export async function cpfDeclarationDeadline(input: CpfDeadlineInput): Promise<CpfDeadlineResult> {
  const mail = new Mailer(input.journeyId);
  const dueAtMs = cpfDeclarationDueMs(input.awardedAtMs);
  const awardedOn = msToIsoDate(input.awardedAtMs);
  for (const [n, step] of cpfDeadlinePlan(input.awardedAtMs).entries()) {
    const wait = step.atMs - Date.now();
    if (wait > 0) await sleep(wait);
    const status = await cpfDeclarationStatus(input.juryId);
    if (status === 'declared') break;
    await mail.send(`cpf-declaration:${input.juryId}:${n}`, 'cpf_declaration_due', { kind: 'staff' }, {
      data: { awardedOn, dueAtMs, overdue: step.kind === 'overdue', declaration: status },
    });
  }
  await mail.settle();
  return (await cpfDeclarationStatus(input.juryId)) === 'declared' ? 'declared' : 'still_undeclared';
}
