// On the time-skipping server with the real activities: (1) recorded workflow histories hold no personal
// data: a journey taken to its award and a training journey with a block child are fetched run by run,
// children included, payloads decoded, and scanned for the candidate's name, address and phone; (2) the
// retention policy, dry run then real run two years later, with the staff report read as delivered;
// (3) erasing a certified holder keeps the award and the procès-verbal.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LocalBlobStore } from '../../documents/blob-store';
import { erasePerson } from '../../privacy/erasure';
import * as journey from '../../workflows/journey-client';
import type { RetentionOutcome } from '../../workflows/retention';
import { eventually } from '../support/eventually';
import { messagesTo } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import {
  DAY, admit, composeJury, createCandidate, id, juryDecides, resultOf, staff, start, untilAwaiting, untilEvent, useJourneyHarness, type JourneyHarness,
} from '../workflows/journey-harness';
import { allHistories, historyText } from './histories';
import { rowsMentioning } from './person-scan';

const h = useJourneyHarness('privacy-retention');
/** An erased person's emails are gone on purpose: the harness's end-of-file reading of every email skips them. */
const forget = (candidateId: string) => h.candidateIds.splice(h.candidateIds.indexOf(candidateId), 1);

/** A candidate with a name, address and phone of their own (searched for afterwards). */
async function person(harness: JourneyHarness, opts: Parameters<typeof createCandidate>[1] = {}) {
  const c = await createCandidate(harness, opts);
  const tag = randomUUID().slice(0, 8);
  const who = { firstName: `Maëlys${tag}`, lastName: `Kerbrat${tag}`, email: `maelys.${tag}@candidats.test`, phone: `+33 7 ${tag.replace(/[a-f]/g, '5').replace(/(..)(?=.)/g, '$1 ')}` };
  await harness.db.candidate.update({ where: { id: c.candidateId }, data: who });
  return { ...c, ...who, needles: [who.firstName, who.lastName, who.email, who.phone] };
}

const items = ['BC01', 'BC02', 'BC03', 'BC04', 'in_depth_work'];
let holder: Awaited<ReturnType<typeof person>> & { journeyId: string; juryId: string };

describe('workflow histories', () => {
  it('hold no personal data: every run and child of a journey to its award and of a training journey', { timeout: 300_000 }, async () => {
    const p = await person(h, { route: 'vae' });
    const journeyId = await start(h, p.input);
    await admit(h, journeyId, p.candidateId);
    await untilAwaiting(h, journeyId, 'vae_evidence');
    for (const item of items) await journey.recordVaeEvidence(h.env.client, journeyId, { decisionId: id(), actor: staff, item, status: 'submitted' });
    await untilAwaiting(h, journeyId, 'vae_evidence_review');
    for (const item of items) await journey.recordVaeEvidence(h.env.client, journeyId, { decisionId: id(), actor: staff, item, status: 'validated' });
    const jury = await composeJury(h, journeyId, p.candidateId);
    await juryDecides(h, journeyId, jury.members.map((m) => m.id), 'award');
    await untilEvent(h, journeyId, 'follow_up_started');
    holder = { ...p, journeyId, juryId: jury.juryId };

    const t = await person(h, { enrolledBlocks: ['BC02'] });
    const trainingId = await start(h, t.input);
    await admit(h, trainingId, t.candidateId);
    await untilEvent(h, trainingId, 'training_started');

    for (const [who, workflowId] of [[p, journeyId], [t, trainingId]] as const) {
      const histories = await allHistories(h.env.client, workflowId);
      const texts = histories.map((x) => historyText(x.history));
      // The scan reads the payloads (the candidate's id is in them), so it could find a name if one were there.
      expect(texts.join('\n')).toContain(who.candidateId);
      for (const [i, text] of texts.entries()) {
        for (const needle of who.needles) expect(text.toLowerCase().includes(needle.toLowerCase()), `${needle} in ${histories[i]!.workflowId} run ${histories[i]!.runId}`).toBe(false);
      }
      if (workflowId === journeyId) expect(histories.length).toBeGreaterThanOrEqual(5); // one run per stage
      else expect(histories.some((x) => x.workflowId !== trainingId)).toBe(true); // the block's child
    }
  });
});

describe('retention policy', () => {
  it('reports before each run; a dry run erases nobody; the real run erases the unsuccessful, keeps holders', { timeout: 300_000 }, async () => {
    const a = await person(h);
    const aj = await start(h, a.input);
    await journey.withdrawJourney(h.env.client, aj, { decisionId: id(), actor: staff, reasonCode: 'candidate_request' });
    await resultOf(h, aj);
    const cohortIds = [a.cohortId, holder.cohortId];
    // A year later nobody is due yet.
    await h.env.sleep(366 * DAY);
    const early = await runRetention(true, cohortIds);
    expect(early.due).toBe(0);
    // Two years after the withdrawal: due.
    await h.env.sleep(366 * DAY);

    const dry = await runRetention(true, cohortIds);
    expect(dry).toMatchObject({ dryRun: true, due: 1, erased: 0 });
    const dryReport = await h.db.retentionReport.findUniqueOrThrow({ where: { id: dry.reportId } });
    expect(dryReport).toMatchObject({ status: 'completed', dryRun: true, years: 2, erased: [] });
    expect((dryReport.due as { candidateId: string }[]).map((d) => d.candidateId)).toEqual([a.candidateId]);
    expect((await h.db.candidate.findUniqueOrThrow({ where: { id: a.candidateId } })).erasedAt).toBeNull();
    const dryMail = await reportEmail(dry.reportId);
    expect(dryMail.subject).toBe('Conservation des données : 1 personne(s) à effacer (essai à blanc)');
    expect(dryMail.text).toContain('Essai à blanc : personne ne sera effacé');
    expect(dryMail.text).toContain(`Candidat·e ${a.candidateId}`);
    expect(dryMail.text).toContain('retrait');
    expect(dryMail.text).toContain('Dry run: nobody will be erased');
    expectNoCodes(dryMail.text);

    const real = await runRetention(false, cohortIds);
    expect(real).toMatchObject({ dryRun: false, due: 1, erased: 1 });
    const realMail = await reportEmail(real.reportId);
    expect(realMail.subject).toBe('Conservation des données : 1 personne(s) effacée(s) aujourd’hui');
    expect(new Date(realMail.receivedAt).getTime()).toBeLessThanOrEqual((await h.db.auditEvent.findFirstOrThrow({ where: { candidateId: a.candidateId, action: 'person.erased' } })).at.getTime());
    expect(await rowsMentioning(h.db, a.needles)).toEqual([]);
    const kept = await h.db.candidate.findUniqueOrThrow({ where: { id: holder.candidateId } });
    expect([kept.erasedAt, kept.email]).toEqual([null, holder.email]);
    const audit = await h.db.auditEvent.findFirstOrThrow({ where: { candidateId: a.candidateId, action: 'person.erased' } });
    expect(audit.actor).toBe(`retention:${real.reportId}`);
    forget(a.candidateId);
  });
});

describe('erasure of a certified holder', () => {
  it('keeps the award record and the procès-verbal, and says so', { timeout: 120_000 }, async () => {
    const pvBefore = await h.db.procesVerbal.findMany({ where: { juryId: holder.juryId } });
    expect(pvBefore.length).toBeGreaterThan(0);
    const { record } = await erasePerson(
      { db: h.db, blobs: new LocalBlobStore(`/tmp/jalon-privacy-${randomUUID()}`), temporal: h.env.client },
      { candidateId: holder.candidateId, reason: 'demande de la personne, article 17 RGPD', by: 'staff:test', actor: staff },
    );
    forget(holder.candidateId);
    expect(record.certifiedHolder).toBe(true);
    expect(record.kept.map((k) => k.what)).toEqual(['award_record', 'proces_verbal', 'anonymous_records']);
    const jury = await h.db.jury.findUniqueOrThrow({ where: { id: holder.juryId }, include: { decisions: true } });
    expect([jury.kind, jury.outcome]).toEqual(['certification', 'awarded']);
    expect(jury.decisions.length).toBe(3);
    const pvAfter = await h.db.procesVerbal.findMany({ where: { juryId: holder.juryId } });
    expect(pvAfter.map((p) => p.sha256)).toEqual(pvBefore.map((p) => p.sha256));
    const c = await h.db.candidate.findUniqueOrThrow({ where: { id: holder.candidateId } });
    expect([c.firstName, c.lastName]).toEqual([holder.firstName, holder.lastName]);
    expect(c.erasedAt).not.toBeNull();
    // Their address and phone are gone everywhere.
    expect(await rowsMentioning(h.db, [holder.email, holder.phone])).toEqual([]);
  });
});

async function runRetention(dryRun: boolean, cohortIds: string[]): Promise<RetentionOutcome> {
  return h.env.client.workflow.execute('retentionRun', { taskQueue: h.taskQueue, workflowId: `retention-test-${id()}`, args: [{ years: 2, dryRun, cohortIds }] });
}

// The report is queued by the run and delivered by the outbox dispatcher: polled, as an inbox is.
async function reportEmail(reportId: string) {
  return eventually(async () => {
    const found = (await messagesTo(h.stack.mailboxUrl, 'admissions@jalon.test')).find((m) => m.text.includes(reportId));
    if (!found) throw new Error(`no retention report ${reportId} in the mailbox after 20 s`);
    return found;
  }, 20_000, 100);
}
