// One transition, one activity, one database transaction: the domain rows a decision writes, the emails
// it queues (with their action tokens and space links) and the audit event with the read model, all or
// nothing. The emails are rendered before the transaction opens, so it holds writes only; the dispatcher
// sends them once it commits.
import type { ActivityDeps } from './deps';
import {
  writeAssessmentResult, writeFollowUpAnswer, writeInternshipConfirmed, writeJuryDecision, writeJuryMemberReplaced, writeThesis, writeTransition,
  type AssessmentResultInput, type FollowUpAnswerInput, type InternshipConfirmation, type JuryDecisionInput, type JuryMemberReplacement, type ThesisInput, type TransitionRecord,
} from './journey-writes';
import { announceQueued } from './mail/delivery';
import { isDuplicate, prepareEmail, type PreparedEmail } from './mail/outbox';
import type { NotifyInput, NotifyResult } from './notification-types';
import type { Prisma } from '../platform/database';

/**
 * A domain write, named by the activity that makes it alone: journeys recorded before one transaction per
 * transition replay those activities (workflows/transition-step.ts).
 */
export type DomainWrite =
  | { activity: 'recordThesis'; input: ThesisInput }
  | { activity: 'recordJuryDecisionRow'; input: JuryDecisionInput }
  | { activity: 'confirmInternshipPeriodRow'; input: InternshipConfirmation }
  | { activity: 'recordFollowUpAnswer'; input: FollowUpAnswerInput }
  | { activity: 'replaceJuryMemberRow'; input: JuryMemberReplacement }
  | { activity: 'recordAssessmentResult'; input: AssessmentResultInput };

export interface TransitionCommit {
  writes: DomainWrite[];
  emails: NotifyInput[];
  transition?: TransitionRecord;
}

/** Per email, in order: its outbox row, or why it could not be addressed (an erased person, a removed member). */
export type CommittedEmail = NotifyResult | { recipientMissing: string };

export interface TransitionCommitted {
  emails: CommittedEmail[];
}

async function applyWrite(tx: Prisma.TransactionClient, clock: () => Date, w: DomainWrite): Promise<void> {
  switch (w.activity) {
    case 'recordThesis': return writeThesis(tx, w.input);
    case 'recordJuryDecisionRow': return writeJuryDecision(tx, clock, w.input);
    case 'confirmInternshipPeriodRow': return writeInternshipConfirmed(tx, clock, w.input);
    case 'recordFollowUpAnswer': return writeFollowUpAnswer(tx, clock, w.input);
    case 'replaceJuryMemberRow': return writeJuryMemberReplaced(tx, clock, w.input);
    case 'recordAssessmentResult': return writeAssessmentResult(tx, clock, w.input);
  }
}

/** Attempts when a concurrent attempt of the same step committed first (its rows then stand). */
const ATTEMPTS = 3;

export function createTransitionActivities(deps: ActivityDeps) {
  const { db, clock } = deps;
  return {
    async commitTransition(commit: TransitionCommit): Promise<TransitionCommitted> {
      for (let attempt = 1; ; attempt++) {
        // Sequential: the embedded database serves one connection at a time anyway.
        const prepared: PreparedEmail[] = [];
        for (const email of commit.emails) prepared.push(await prepareEmail(deps, email));
        try {
          const emails = await db.$transaction(async (tx) => {
            for (const w of commit.writes) await applyWrite(tx, clock, w);
            const queued: CommittedEmail[] = [];
            for (const p of prepared) queued.push('write' in p ? await p.write(tx) : 'queued' in p ? p.queued : { recipientMissing: p.missing });
            if (commit.transition) await writeTransition(tx, clock, commit.transition);
            return queued;
          });
          if (prepared.some((p) => 'write' in p)) announceQueued();
          return { emails };
        } catch (error) {
          // Another attempt of this step (a retry whose first try was still running) queued an email first:
          // read again, its rows stand and the rest is idempotent.
          if (isDuplicate(error) && attempt < ATTEMPTS) continue;
          throw error;
        }
      }
    },
  };
}

export type TransitionActivities = ReturnType<typeof createTransitionActivities>;
