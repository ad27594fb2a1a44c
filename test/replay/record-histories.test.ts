// Records the histories the replay test replays: representative journeys run on the time-skipping server
// with the real activities, every run of the journey (continue-as-new) and of its block children written
// to test/replay/histories/<current code version>/*.json. Runs only through `npm run record-histories`
// (RECORD_HISTORIES=1). It writes the current version's folder only: the folders of earlier versions are
// never touched, and no recording is deleted, since journeys started on them may still be running
// (docs/upgrading.md).
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeHistoryFile } from './history-file';
import { describe, it } from 'vitest';
import * as journey from '../../workflows/journey-client';
import { blockWorkflowId } from '../../workflows/messages';
import { JOURNEY_CODE_VERSION } from '../../workflows/version';
import {
  DAY, DEROGATION_B_PROFILE, admit, admitToStage, answerSurvey, composeJury, createCandidate, createCohort, today, gradeBlock, id, internship, juryDecides, member, resultOf, start, staff,
  thesis, until, untilEvent, useJourneyHarness, type JourneyHarness,
} from '../workflows/journey-harness';

const OUT = join(import.meta.dirname, 'histories', JOURNEY_CODE_VERSION);
const recording = process.env.RECORD_HISTORIES === '1';

async function save(h: JourneyHarness, name: string, journeyId: string, blocks: string[] = []) {
  // Follow the chain of runs from the first one (continue-as-new closes a run and names the next).
  const first = await h.env.client.workflow.getHandle(journeyId).describe();
  let runId: string | undefined = first.raw.workflowExecutionInfo?.firstRunId ?? undefined;
  for (let run = 1; runId; run++) {
    const history = await h.env.client.workflow.getHandle(journeyId, runId).fetchHistory();
    writeFileSync(join(OUT, `${name}.run${run}.json`), encodeHistoryFile(`${name}.run${run}`, journeyId, history));
    const last = history.events?.at(-1);
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  for (const code of blocks) {
    const history = await h.env.client.workflow.getHandle(blockWorkflowId(journeyId, code)).fetchHistory();
    writeFileSync(join(OUT, `${name}.block-${code}.json`), encodeHistoryFile(`${name}.block-${code}`, blockWorkflowId(journeyId, code), history));
  }
}

describe.runIf(recording)('record journey histories', () => {
  const h = useJourneyHarness('record-histories');

  it('records them', { timeout: 300_000 }, async () => {
    // A re-recording of the current version keeps the earlier recording beside it, renamed: journeys that
    // started before an in-place patch of this version replay the unpatched branches from those files.
    mkdirSync(OUT, { recursive: true });
    const earlier = `recorded-${new Date().toISOString().slice(0, 16).replace(/[-:]/g, '')}`;
    for (const f of readdirSync(OUT)) {
      if (/^[a-z0-9-]+\.(run\d+|block-[A-Z0-9]+)\.json$/.test(f)) renameSync(join(OUT, f), join(OUT, f.replace(/\.json$/, `.${earlier}.json`)));
    }

    // A silent jury member: reminders, escalation, replacement (block-only enrolment).
    {
      const c = await createCandidate(h, { enrolledBlocks: ['BC03'] });
      const journeyId = await start(h, c.input);
      await admit(h, journeyId, c.candidateId);
      await untilEvent(h, journeyId, 'training_started');
      await gradeBlock(h, journeyId, c.candidateId, 'BC03', 15);
      const jury = await composeJury(h, journeyId, c.candidateId);
      const [silent, a, b] = jury.members;
      await juryDecides(h, journeyId, [a!.id, b!.id]);
      await h.env.sleep(17 * DAY);
      await until(h, journeyId, (s) => s.recentEvents.some((e) => e.detail?.reason === 'jury_decision_overdue'));
      const sub = await h.db.juryMember.create({ data: { juryId: jury.juryId, personRef: id(), name: 'Claude Suppléant', email: `sub-${id()}@example.org`, kind: silent!.kind } });
      await journey.replaceJuryMember(h.env.client, journeyId, { decisionId: id(), actor: staff, replacedMemberId: silent!.id, substitute: { memberId: sub.id, kind: silent!.kind, inActivity: true } });
      await journey.recordJuryDecision(h.env.client, journeyId, { decisionId: id(), actor: member(sub.id), memberId: sub.id, decision: 'award' });
      await untilEvent(h, journeyId, 'follow_up_started');
      await save(h, 'jury-member-replaced', journeyId, ['BC03']);
    }
    // VAE route to the award.
    {
      const c = await createCandidate(h, { route: 'vae' });
      const journeyId = await start(h, c.input);
      await admit(h, journeyId, c.candidateId);
      await until(h, journeyId, (s) => s.awaiting.some((x) => x.what === 'vae_evidence'));
      for (const status of ['submitted', 'validated'] as const) {
        for (const item of ['BC01', 'BC02', 'BC03', 'BC04', 'in_depth_work']) {
          await journey.recordVaeEvidence(h.env.client, journeyId, { decisionId: id(), actor: staff, item, status });
        }
      }
      const jury = await composeJury(h, journeyId, c.candidateId);
      await juryDecides(h, journeyId, jury.members.map((x) => x.id));
      await untilEvent(h, journeyId, 'follow_up_started');
      await save(h, 'vae', journeyId);
    }
    // The quota reserve (v3): a derogation (b) candidate waits; a by-right admission gives them the place.
    {
      const cohort = await createCohort(h);
      for (let i = 0; i < 2; i++) {
        const c = await createCandidate(h, { cohortId: cohort.id });
        await h.db.admission.create({ data: { candidateId: c.candidateId, cohortId: cohort.id, category: 'by_right', countedInQuota: false } });
      }
      const r = await createCandidate(h, { cohortId: cohort.id, profile: DEROGATION_B_PROFILE });
      const rId = await start(h, r.input);
      await admitToStage(h, rId, r.candidateId, 'awaiting_quota');
      const b = await createCandidate(h, { cohortId: cohort.id });
      const bId = await start(h, b.input);
      await admit(h, bId, b.candidateId);
      await until(h, rId, (s) => s.stage === 'training');
      await save(h, 'quota-reserve', rId);
      await save(h, 'quota-reserve-by-right', bId);
    }
    // The quota reserve's cut-off without a place: staff reminded, refusal.
    {
      const r = await createCandidate(h, { profile: DEROGATION_B_PROFILE });
      const rId = await start(h, r.input);
      await admitToStage(h, rId, r.candidateId, 'awaiting_quota');
      await h.db.cohort.update({ where: { id: r.cohortId }, data: { quotaReserveCutoffOn: new Date(Date.parse(`${await today(h)}T00:00:00Z`) + 10 * DAY) } });
      await journey.notifyQuotaReserveChanged(h.env.client, [rId]);
      await until(h, rId, (s) => s.awaiting.some((a) => a.what === 'quota_reserve_decision' && a.dueAtMs !== undefined));
      await h.env.sleep(12 * DAY);
      await resultOf(h, rId);
      await save(h, 'quota-reserve-cutoff', rId);
    }
    // Expired dossier: reminders, staff alert, expiry.
    {
      const c = await createCandidate(h, { pieces: ['cv'] });
      const journeyId = await start(h, c.input);
      await h.env.sleep(31 * DAY);
      await resultOf(h, journeyId);
      await save(h, 'expired-dossier', journeyId);
    }
    // The whole happy path to the 24-month follow-up: it moves the clock two years on.
    {
      const c = await createCandidate(h);
      const journeyId = await start(h, c.input);
      await admit(h, journeyId, c.candidateId);
      await untilEvent(h, journeyId, 'training_started');
      for (const code of ['BC01', 'BC02', 'BC03', 'BC04']) await gradeBlock(h, journeyId, c.candidateId, code, 14);
      await internship(h, journeyId, c.candidateId, '2026-01-05', '2026-06-05');
      await thesis(h, journeyId, 15);
      const jury = await composeJury(h, journeyId, c.candidateId);
      await juryDecides(h, journeyId, jury.members.map((x) => x.id));
      await answerSurvey(h, journeyId, 6);
      await answerSurvey(h, journeyId, 24);
      await resultOf(h, journeyId);
      await save(h, 'happy-path', journeyId, ['BC01', 'BC02', 'BC03', 'BC04']);
    }
    // Withdrawal during training (blocks cancelled), after the others: under the time-skipping server a
    // withdrawal has been seen to stall the env.sleep of a later journey in the same file.
    {
      const c = await createCandidate(h);
      const journeyId = await start(h, c.input);
      await admit(h, journeyId, c.candidateId);
      await until(h, journeyId, (s) => s.blocks.length === 4 && s.stage === 'training');
      await gradeBlock(h, journeyId, c.candidateId, 'BC01', 14);
      await journey.withdrawJourney(h.env.client, journeyId, { decisionId: id(), actor: { kind: 'candidate' }, reasonCode: 'personal_reasons' });
      await resultOf(h, journeyId);
      await save(h, 'withdrawal', journeyId, ['BC01']);
    }
  });
});
