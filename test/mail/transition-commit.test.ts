// One transition, one transaction (activities/transition-commit.ts), on the real database: the domain row,
// the emails with their tokens and the audit event with the read model are written together or not at all;
// a retried or concurrent step leaves one of each; an email whose recipient is gone is reported, not fatal.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTransitionActivities, type TransitionCommit } from '../../activities/transition-commit';
import type { TransitionRecord } from '../../activities/journey-writes';
import { createDatabase, type Database } from '../../platform/database';
import { createMailer } from '../../platform/mailer';
import { createCandidate, createJury, mailConfig } from './fixtures';

const stack = inject('stack');
let db: Database;
let commit: ReturnType<typeof createTransitionActivities>['commitTransition'];
const inADay = () => Date.now() + 86_400_000;

beforeAll(() => {
  db = createDatabase(stack.databaseUrl);
  // Nothing is sent here: the dispatcher has its own tests. The mailer points nowhere on purpose.
  commit = createTransitionActivities({ db, mailer: createMailer('smtp://127.0.0.1:9'), clock: () => new Date(), config: mailConfig() }).commitTransition;
});
afterAll(async () => {
  await db?.$disconnect();
});

const transition = (journeyId: string, candidateId: string, cohortId: string, version: number, action: string): TransitionRecord => ({
  journeyId, candidateId, cohortId, route: 'student', stage: 'certification_jury', status: 'active', awaiting: [], version,
  event: { actor: 'juryMember:x', action, after: { version } },
});

/** A jury member's vote: the vote's row, the candidate's email with its link, a staff email, the transition. */
async function voteStep() {
  const { candidate, cohort, journeyId } = await createCandidate(db);
  const { jury, members } = await createJury(db, candidate.id);
  const step: TransitionCommit = {
    writes: [{ activity: 'recordJuryDecisionRow', input: { decisionId: `d-${randomUUID()}`, juryId: jury.id, memberId: members[0]!.id, decision: 'award' } }],
    emails: [
      { journeyId, purpose: 'survey-6', template: 'follow_up_survey_request', data: { wave: 6, dueAtMs: inADay() }, to: { kind: 'candidate', candidateId: candidate.id }, action: { action: 'follow_up_survey', expiresAtMs: inADay() } },
      { journeyId, purpose: 'alert', template: 'staff_alert', data: { reason: 'jury_decision_overdue', stage: 'certification_jury' }, to: { kind: 'staff' } },
    ],
    transition: transition(journeyId, candidate.id, cohort.id, 7, 'jury_decision'),
  };
  return { step, journeyId, jury, members, candidate };
}

const counts = async (journeyId: string, juryId: string) => ({
  decisions: await db.juryDecision.count({ where: { juryId } }),
  emails: await db.outboxEmail.count({ where: { journeyId } }),
  tokens: await db.actionToken.count({ where: { journeyId } }),
  audit: await db.auditEvent.count({ where: { journeyId } }),
  view: await db.journeyView.count({ where: { journeyId } }),
});

describe('commitTransition', () => {
  it('writes the domain row, the emails with their token and the audit event with the read model', async () => {
    const { step, journeyId, jury } = await voteStep();
    const done = await commit(step);
    expect(done.emails).toHaveLength(2);
    expect(done.emails[0]).toMatchObject({ outboxId: expect.any(String), actionTokenId: expect.any(String) });
    expect(await counts(journeyId, jury.id)).toEqual({ decisions: 1, emails: 2, tokens: 1, audit: 1, view: 1 });
    const view = await db.journeyView.findUniqueOrThrow({ where: { journeyId } });
    expect(view.version).toBe(7);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { journeyId } });
    expect(audit.action).toBe('jury_decision');
  });

  it('writes nothing when one of its writes fails, and everything when it is tried again', async () => {
    const { step, journeyId, jury, members } = await voteStep();
    // A vote by a member id that does not exist: its foreign key fails inside the transaction.
    const broken: TransitionCommit = { ...step, writes: [{ activity: 'recordJuryDecisionRow', input: { ...step.writes[0]!.input as { decisionId: string; juryId: string; decision: string }, memberId: randomUUID() } }] };
    await expect(commit(broken)).rejects.toThrow();
    expect(await counts(journeyId, jury.id)).toEqual({ decisions: 0, emails: 0, tokens: 0, audit: 0, view: 0 });
    await commit({ ...step, writes: [{ activity: 'recordJuryDecisionRow', input: { ...(step.writes[0]!.input as object), memberId: members[0]!.id } as never }] });
    expect(await counts(journeyId, jury.id)).toEqual({ decisions: 1, emails: 2, tokens: 1, audit: 1, view: 1 });
  });

  it('leaves one of each when the same step is committed again or twice at once', async () => {
    const { step, journeyId, jury } = await voteStep();
    const [a, b] = await Promise.all([commit(step), commit(step)]);
    const again = await commit(step);
    expect(a.emails).toEqual(b.emails);
    expect(again.emails).toEqual(a.emails);
    expect(await counts(journeyId, jury.id)).toEqual({ decisions: 1, emails: 2, tokens: 1, audit: 1, view: 1 });
  });

  it('reports an email whose recipient is gone and writes the rest', async () => {
    const { step, journeyId, jury } = await voteStep();
    const gone = randomUUID();
    const done = await commit({
      ...step,
      emails: [...step.emails, { journeyId, purpose: `released:${gone}`, template: 'jury_member_released', data: { sittingOn: '2027-06-10' }, to: { kind: 'juryMember', memberId: gone } }],
    });
    expect(done.emails[2]).toEqual({ recipientMissing: expect.stringContaining(gone) });
    expect(await counts(journeyId, jury.id)).toEqual({ decisions: 1, emails: 2, tokens: 1, audit: 1, view: 1 });
  });

  it('never lets an older transition overwrite the read model of a newer one', async () => {
    const { step, journeyId, candidate } = await voteStep();
    await commit(step);
    const cohortId = step.transition!.cohortId;
    await commit({ writes: [], emails: [], transition: { ...transition(journeyId, candidate.id, cohortId, 5, 'late_retry'), stage: 'selection' } });
    const view = await db.journeyView.findUniqueOrThrow({ where: { journeyId } });
    expect({ version: view.version, stage: view.stage }).toEqual({ version: 7, stage: 'certification_jury' });
    expect(await db.auditEvent.count({ where: { journeyId } })).toBe(2);
  });
});
