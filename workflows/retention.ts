// One run of the personal data retention policy, started daily by a Temporal Schedule
// (workflows/retention-schedule.ts): who is due is found and kept in a report, staff get the report by
// email before anything is erased, then (unless it is a dry run) each person is erased by an activity.
// Identifiers, cohort codes, outcomes and dates only: no personal data in this history.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { RetentionActivities } from '../activities/retention';
import { Mailer, PERMANENT_ERRORS } from './support';

export interface RetentionInput {
  /** Years after the journey's last decision (RETENTION_YEARS, default 2). */
  years: number;
  /** Report only: nobody is erased (RETENTION_DRY_RUN). */
  dryRun: boolean;
  /** Only these cohorts (rehearsing the policy on one cohort); absent: every cohort. */
  cohortIds?: string[];
}

export interface RetentionOutcome {
  reportId: string;
  dryRun: boolean;
  due: number;
  erased: number;
}

const { planRetention, eraseForRetention, completeRetention } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes', backoffCoefficient: 2, nonRetryableErrorTypes: PERMANENT_ERRORS },
});

export async function retentionRun(input: RetentionInput): Promise<RetentionOutcome> {
  // A Schedule gives each of its runs its own workflow id: the run's report is keyed by it.
  const runKey = workflowInfo().workflowId;
  const nowMs = Date.now();
  const plan = await planRetention({ runKey, nowMs, years: input.years, dryRun: input.dryRun, ...(input.cohortIds ? { cohortIds: input.cohortIds } : {}) });
  const mail = new Mailer(`retention:${runKey}`);
  await mail.send(`retention-report:${runKey}`, 'retention_report', { kind: 'staff' }, {
    data: { reportId: plan.reportId, dryRun: input.dryRun, years: input.years, cutoffAtMs: plan.cutoffAtMs, due: plan.due },
  });
  // The report is delivered before anyone is erased.
  await mail.settle();
  const erased: string[] = [];
  if (!input.dryRun) {
    for (const person of plan.due) {
      const done = await eraseForRetention({ reportId: plan.reportId, candidateId: person.candidateId, nowMs, years: input.years });
      if (done === 'erased') erased.push(person.candidateId);
    }
  }
  await completeRetention({ reportId: plan.reportId, erased });
  return { reportId: plan.reportId, dryRun: input.dryRun, due: plan.due.length, erased: erased.length };
}
