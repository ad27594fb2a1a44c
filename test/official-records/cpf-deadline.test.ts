// The CPF declaration deadline on the time-skipping server: a real journey's certification jury awards
// the title; the closing starts the award's deadline workflow; months pass in milliseconds; the admissions
// team receives the reminder before the three months and the alert after them, read as delivered through
// the SMTP sink, in words. Once the CDC accepted the declaration, the workflow ends without another email.
import { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { cpfDeadlineWorkflowId } from '../../activities/cpf/activities';
import { cpfDeclarationDueMs, DAY_MS } from '../../domain/index';
import { messagesTo } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import { juryDecides, nowMs, untilEvent, useJourneyHarness } from '../workflows/journey-harness';
import { vaeAtCertificationJury } from './vae-award';

const h = useJourneyHarness('cpf-deadline');
const STAFF = 'admissions@jalon.test';

/** The staff emails about this holder (the admissions mailbox is shared: the candidate's record link tells them apart). */
async function staffEmailsAbout(candidateId: string, count: number, waitMs = 30_000) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = (await messagesTo(h.stack.mailboxUrl, STAFF)).filter((m) => m.text.includes(candidateId) && /CPF/.test(m.subject));
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('CPF declaration deadline', () => {
  it('reminds the admissions team before the three months, alerts them after, and stops once the CDC accepted', { timeout: 180_000 }, async () => {
    const { c, journeyId, jury } = await vaeAtCertificationJury(h);
    await juryDecides(h, journeyId, jury.members.map((m) => m.id), 'award');
    await untilEvent(h, journeyId, 'follow_up_started');
    const closed = await h.db.jury.findUniqueOrThrow({ where: { id: jury.juryId } });
    expect(closed.outcome).toBe('awarded');
    const handle = h.env.client.workflow.getHandle(cpfDeadlineWorkflowId(jury.juryId));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(await staffEmailsAbout(c.candidateId, 0)).toEqual([]);

    // Two months and a day after the award: the first reminder (30 days before the deadline) is out.
    const due = cpfDeclarationDueMs(closed.closedAt!.getTime());
    await h.env.sleep(due - 30 * DAY_MS - (await nowMs(h)) + 3_600_000);
    const [reminder] = await staffEmailsAbout(c.candidateId, 1);
    expect(reminder, 'the reminder reached the admissions mailbox').toBeDefined();
    expect(reminder!.subject).toBe('Rappel : déclaration CPF à faire – Camille Test');
    const text = reminder!.text.replace(/\s+/g, ' ');
    expect(text).toContain('n’est pas encore déclaré au système d’information du CPF');
    expect(text).toContain('dans les trois mois suivant l’attribution');
    expect(text).toContain('à déclarer : dans aucun flux, ou rejetée par la Caisse des Dépôts');
    expect(text).toContain('This holder of the certification is not yet declared to the CPF information system');
    expect(text).toMatch(/Date limite de déclaration : \S+ \d{1,2} \S+ \d{4} à \d{2}:\d{2} \(heure de Paris\)/);
    expectNoCodes(reminder!.subject, text.replace(/https?:\/\/\S+/g, ''));

    // Past the deadline: the alert says it is overdue.
    await h.env.sleep(due - (await nowMs(h)) + 3_600_000);
    const after = await staffEmailsAbout(c.candidateId, 3);
    expect(after.map((m) => m.subject)).toEqual([
      'Rappel : déclaration CPF à faire – Camille Test', 'Rappel : déclaration CPF à faire – Camille Test', 'Déclaration CPF en retard – Camille Test',
    ]);
    expect(after[2]!.text.replace(/\s+/g, ' ')).toContain('le délai de trois mois après l’attribution est dépassé');

    // The CDC accepts the declaration: at the next step the workflow ends, and no further alert is sent.
    const declaration = await h.db.cpfDeclaration.create({
      data: { idFlux: `T-${jury.juryId.slice(0, 8)}`, xml: '<flux/>', sha256: '-', createdBy: 'test', status: 'acknowledged', depositedAt: new Date(), lines: { create: [{ juryId: jury.juryId, candidateId: c.candidateId, status: 'accepted' }] } },
    });
    await h.env.sleep(31 * DAY_MS);
    const plain = new Client({ connection: h.env.connection, namespace: h.env.namespace });
    expect(await plain.workflow.getHandle(cpfDeadlineWorkflowId(jury.juryId)).result()).toBe('declared');
    expect(await staffEmailsAbout(c.candidateId, 4, 3_000)).toHaveLength(3);
    expect(declaration.id).toBeTruthy();
  });
});
