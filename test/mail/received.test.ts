// What people receive, read as they read it: each email queued by the real mail activities with the data
// the journey passes (typed), delivered over SMTP to the sink, then its subject, text, headers and
// calendar file read from the mailbox. Defects of issue 12 are named by their number.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createJourneyActivities } from '../../activities/journey-activities';
import { createMailActivities } from '../../activities/mail';
import type { EmailRequest, Recipient } from '../../activities/notification-types';
import { formatDateTime } from '../../activities/wording/catalogue';
import { createDatabase, type Database } from '../../platform/database';
import { createMailer } from '../../platform/mailer';
import { requestSignInLink } from '../../api/auth/sign-in';
import { DEFAULT_SESSION_OPTIONS } from '../../api/auth/sessions';
import type { StoredMessage } from '../../platform/services/smtp-sink';
import { waitForMessages } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import { createCandidate, mailConfig, SAMPLE_DATA, SAMPLE_DUE, SAMPLE_SLOT, sampleEmail } from './fixtures';

const stack = inject('stack');
let db: Database;
let mail: ReturnType<typeof createMailActivities>;
const config = mailConfig('http://jalon.test');
const DAY = 86_400_000;

beforeAll(async () => {
  db = createDatabase(stack.databaseUrl);
  mail = createMailActivities({ db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(), config });
});
afterAll(async () => {
  await db?.$disconnect();
});

async function member(candidateId: string, language: 'fr' | 'en' = 'fr') {
  const jury = await db.jury.create({ data: { candidateId, kind: 'selection' } });
  const email = `member-${randomUUID()}@jury.test`;
  const row = await db.juryMember.create({ data: { juryId: jury.id, personRef: randomUUID(), name: 'Dominique Juré', email, kind: 'school', language } });
  return { id: row.id, email };
}

/** Queues and delivers one email; returns it as the recipient's mailbox holds it. */
async function receive(journeyId: string, to: Recipient, address: string, email: EmailRequest, action?: { action: 'selection_review' | 'interview_slot_choice' | 'jury_decision' | 'thesis_submission' | 'internship_declaration' | 'assessment_grade' | 'interview_outcome' | 'follow_up_survey'; expiresAtMs: number }): Promise<StoredMessage> {
  const before = (await waitForMessages(stack.mailboxUrl, address, 0)).length;
  const { outboxId } = await mail.queueEmail({ journeyId, purpose: `${email.template}-${randomUUID()}`, to, ...email, ...(action ? { action } : {}) });
  await mail.deliverEmail(outboxId);
  const messages = await waitForMessages(stack.mailboxUrl, address, before + 1);
  const message = messages.at(-1)!;
  expectNoCodes(message.subject, message.text);
  return message;
}

async function toCandidate(email: EmailRequest, language: 'fr' | 'en' = 'fr', action?: Parameters<typeof receive>[4]) {
  const c = await createCandidate(db, { language });
  return { ...c, message: await receive(c.journeyId, { kind: 'candidate', candidateId: c.candidate.id }, c.candidate.email, email, action) };
}

describe('emails as delivered (issue 12)', () => {
  it('every kind reaches the inbox in French and English without a code, with who sends it and where to write (#21)', async () => {
    for (const language of ['fr', 'en'] as const) {
      const c = await createCandidate(db, { language });
      for (const template of Object.keys(SAMPLE_DATA) as (keyof typeof SAMPLE_DATA)[]) {
        const m = await receive(c.journeyId, { kind: 'candidate', candidateId: c.candidate.id }, c.candidate.email, sampleEmail(template));
        expect(m.text).toContain(config.admissionsEmail);
        expect(m.text).toContain(language === 'fr' ? 'service des admissions' : 'admissions office');
      }
    }
  }, 120_000);

  it('#1 the slot offer lists each time with its date, length and place; the reminder too', async () => {
    for (const reminder of [false, true]) {
      const { message } = await toCandidate({ template: 'interview_slots_offered', data: { ...SAMPLE_DATA.interview_slots_offered, reminder } }, 'fr', { action: 'interview_slot_choice', expiresAtMs: SAMPLE_DUE + 30 * DAY });
      expect(message.text).toContain('jeudi 10 juin 2027 à 14:00 (heure de Paris), 45 minutes – Campus Lille, salle 2');
      expect(message.text).toContain('vendredi 11 juin 2027 à 10:30 (heure de Paris), 30 minutes');
      if (reminder) expect(message.subject).toMatch(/^Rappel/);
    }
  });

  it('#2 partially_deferred is announced as a partial deferral naming the blocks, never as "not awarded"', async () => {
    const { message } = await toCandidate(sampleEmail('certification_outcome'), 'en');
    expect(message.subject).toContain('partly deferred');
    expect(message.text).toMatch(/ - Block 4 – \S/);
    expect(message.text).not.toMatch(/does not award/);
  });

  it('#3 shows the step deadline, not the link expiry (the link validity said separately)', async () => {
    const c = await createCandidate(db);
    const reviewer = await member(c.candidate.id);
    const due = Date.UTC(2027, 11, 10, 17, 0);
    const message = await receive(c.journeyId, { kind: 'juryMember', memberId: reviewer.id }, reviewer.email, { template: 'selection_review_request', data: { dueAtMs: due } }, { action: 'selection_review', expiresAtMs: due + 30 * DAY });
    expect(message.text).toContain(`À faire avant le ${formatDateTime(due, 'fr')}.`);
    expect(message.text).toContain(`le lien lui-même cesse de fonctionner le ${formatDateTime(due + 30 * DAY, 'fr')}`);
    expect(message.text).not.toContain(`avant le ${formatDateTime(due + 30 * DAY, 'fr')}`);
  });

  it('#5 the VAE evidence request says what to send per block, how (a link to the space), and by when, in words', async () => {
    const { message } = await toCandidate(sampleEmail('vae_evidence_request'));
    expect(message.text).toContain('Bloc 1 – Concevoir et définir la stratégie commerciale digitale');
    expect(message.text).toContain('Un travail approfondi');
    expect(message.text).toContain('livrables, rapports, attestations d’employeur');
    expect(message.text).toContain('Déposez-les dans votre espace candidat');
    expect(message.text).toMatch(/Déposer mes preuves[\s\S]*\/space\/sign-in\/[A-Za-z0-9_-]{43}/);
    expect(message.text).toContain(`À faire avant le ${formatDateTime(SAMPLE_DUE, 'fr')}`);
  });

  it('#6 a not-eligible candidate is told the admission conditions decided, with the reasons in words, no jury', async () => {
    const c = await createCandidate(db);
    await db.eligibilityResult.create({ data: { candidateId: c.candidate.id, category: 'not_eligible', reasons: [{ code: 'no_admissible_degree', fr: 'Aucun diplôme déclaré ne remplit une condition d’accès, de droit ou par dérogation.', en: 'No declared degree meets an admission condition, by right or by derogation.' }] } });
    const message = await receive(c.journeyId, { kind: 'candidate', candidateId: c.candidate.id }, c.candidate.email, { template: 'eligibility_refused', data: { reasonCodes: ['no_admissible_degree'] } });
    expect(message.subject).toContain('pas recevable');
    expect(message.text).toContain('Aucun diplôme déclaré ne remplit une condition d’accès');
    expect(message.text).toContain('Aucun jury n’a examiné votre dossier');
    expect(message.text).not.toMatch(/jury de sélection ne vous a pas/);
  });

  it('a candidate without a declared profile is told, in words, what is missing and what to do: no field name, no staff instruction', async () => {
    for (const language of ['fr', 'en'] as const) {
      const c = await createCandidate(db, { language });
      // The real eligibility activity stores its note for staff (with the profile's field names).
      const outcome = await createJourneyActivities({ db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(), config }).assessCandidateEligibility({ candidateId: c.candidate.id, referentialCode: 'RNCP37332' });
      expect(outcome.reasonCodes).toEqual(['declared_profile_invalid']);
      const message = await receive(c.journeyId, { kind: 'candidate', candidateId: c.candidate.id }, c.candidate.email, { template: 'eligibility_refused', data: { reasonCodes: outcome.reasonCodes } });
      expect(message.subject).toBe(language === 'fr' ? 'Votre candidature ne peut pas être examinée : votre profil nous manque' : 'Your application cannot be reviewed: we lack your profile');
      expect(message.text).not.toMatch(/degrees, experience|experience.qualifyingYears|vappValidated|qualifyingYears|Corrigez le profil|relancez l’examen|Fix the profile|review again|incomplet ou invalide|pas recevable/);
      expect(message.text).toContain(language === 'fr' ? 'vos diplômes (intitulé, niveau, pays) et vos années d’expérience professionnelle' : 'your degrees (title, level, country) and your years of professional experience');
      expect(message.text).toContain(language === 'fr' ? 'Écrivez au service des admissions en donnant vos diplômes' : 'Write to the admissions office with your degrees');
    }
  });

  it('staff emails (the sign-in link, an alert) say they come from Jalon for the school and to ask the administrator, not the admissions office', async () => {
    const email = `agent.${randomUUID().slice(0, 8)}@staff.test`;
    await db.staffUser.create({ data: { email, name: 'Agent Admissions', role: 'admissions' } });
    const signIn = await requestSignInLink(db, { mailer: createMailer(stack.smtpUrl), config }, email, DEFAULT_SESSION_OPTIONS);
    await signIn!.send;
    const [link] = await waitForMessages(stack.mailboxUrl, email, 1);
    const c = await createCandidate(db);
    const alert = await receive(c.journeyId, { kind: 'staff' }, config.admissionsEmail, sampleEmail('staff_alert'));
    for (const message of [link!, alert]) {
      expectNoCodes(message.subject, message.text);
      expect(message.text).toContain('Ce message vous est envoyé par Jalon, l’outil de suivi des candidats de l’école.');
      expect(message.text).toContain('Adressez-vous à l’administrateur de Jalon de l’école.');
      expect(message.text).toContain('Ask the school’s Jalon administrator.');
      expect(message.text).not.toMatch(/service des admissions de la certification|Écrivez au service des admissions|Write to the admissions office/);
    }
  });

  it('#7 the not-admissible email gives the reviewer\'s reason in words', async () => {
    const { message } = await toCandidate({ template: 'selection_decision', data: { admissible: false, reasonCode: 'project_unclear' } });
    expect(message.text).toContain('Motif\u00a0: Projet professionnel peu clair.');
  });

  it('#8 quota-full and no-show candidates are told what really happened', async () => {
    const quota = await toCandidate({ template: 'admission_decision', data: { admitted: false, reasonCode: 'quota_full' } });
    expect(quota.message.text).toContain('Votre entretien s’est bien passé');
    expect(quota.message.text).not.toContain('le jury ne vous a pas admis');
    const noShow = await toCandidate({ template: 'admission_decision', data: { admitted: false, reasonCode: 'no_show' } }, 'en');
    expect(noShow.message.text).toContain('You did not attend the scheduled motivation interview');
  });

  it('#9 the interviewer is invited with the time and the calendar file; #9b the jury request says when the jury sits', async () => {
    const c = await createCandidate(db);
    const interviewer = await member(c.candidate.id, 'en');
    const invite = await receive(c.journeyId, { kind: 'juryMember', memberId: interviewer.id }, interviewer.email, { template: 'interview_confirmed', data: { slot: SAMPLE_SLOT, offer: 0, audience: 'interviewer' } });
    expect(invite.subject).toContain(`Motivation interview to hold – ${c.candidate.firstName} ${c.candidate.lastName}`);
    expect(invite.text).toContain('Thursday, 10 June 2027 at 14:00 (Paris time)');
    expect(invite.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content).toContain(`mailto:${interviewer.email}`);
    const jury = await receive(c.journeyId, { kind: 'juryMember', memberId: interviewer.id }, interviewer.email, sampleEmail('jury_decision_request'), { action: 'jury_decision', expiresAtMs: SAMPLE_DUE + 30 * DAY });
    expect(jury.text).toContain('sitting on 15 March 2027');
  });

  it('#10 #11 the invitation says place and length; its ICS has LOCATION, the duration, an ATTENDEE, whole minutes, no journey id', async () => {
    const { message, candidate } = await toCandidate({ template: 'interview_confirmed', data: { slot: { ...SAMPLE_SLOT, startsAtMs: SAMPLE_SLOT.startsAtMs + 37_000 }, offer: 1, audience: 'candidate' } });
    expect(message.text).toContain('Lieu\u00a0: Campus Lille, salle 2');
    expect(message.text).toContain('Durée\u00a0: 45 minutes');
    const ics = message.attachments.find((a) => a.contentType.startsWith('text/calendar'))!.content.replace(/\r\n /g, '');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20270610T140000');
    expect(ics).toContain('DTEND;TZID=Europe/Paris:20270610T144500');
    expect(ics).toContain('LOCATION:Campus Lille\\, salle 2');
    expect(ics).toContain(`RSVP=FALSE:mailto:${candidate.email}`);
    expect(ics).not.toContain('journey:');
  });

  it('#12 the assessor is told the block, the assessment by title and the attempt', async () => {
    const c = await createCandidate(db);
    const assessor = await member(c.candidate.id);
    const message = await receive(c.journeyId, { kind: 'juryMember', memberId: assessor.id }, assessor.email, sampleEmail('assessment_grade_reminder'), { action: 'assessment_grade', expiresAtMs: SAMPLE_DUE + 30 * DAY });
    expect(message.text).toContain('Bloc\u00a0: Bloc 2 – ');
    expect(message.text).toContain('Évaluation\u00a0: Création d’un cahier des charges fonctionnel');
    expect(message.text).toContain('Tentative\u00a0: 2');
  });

  it('#13 a failed assessment with a retake is told to the candidate, with the grade and the date to resubmit', async () => {
    const { message } = await toCandidate(sampleEmail('assessment_result'));
    expect(message.text).toContain('« Étude de cas (dossier + présentation des résultats) » (8,5/20)');
    expect(message.text).toContain('rattrapage');
    expect(message.text).toContain(formatDateTime(SAMPLE_DUE, 'fr'));
  });

  it('#14 dossier emails give the deadline and how to send the pieces', async () => {
    const { message } = await toCandidate(sampleEmail('dossier_opened'));
    expect(message.text).toContain(`À faire avant le ${formatDateTime(SAMPLE_DUE, 'fr')}`);
    // Issue 14: the pieces go into the candidate space, through the personal link of the email.
    expect(message.text).toContain('Déposez-les dans votre espace candidat');
    expect(message.text).toMatch(/Mon espace candidat \S+\/space\/sign-in\/[A-Za-z0-9_-]{43}/);
    expect(message.text).toContain('Lettre de motivation');
  });

  it('#15 the admission email promises only what comes (VAE: the evidence request)', async () => {
    const vae = await toCandidate({ template: 'admission_decision', data: { admitted: true, next: 'vae_evidence' } });
    expect(vae.message.text).toContain('preuves à fournir pour chaque bloc');
    const blocksOnly = await toCandidate({ template: 'admission_decision', data: { admitted: true, next: 'blocks_only' } });
    expect(blocksOnly.message.text).toContain('Chaque résultat vous sera envoyé par courriel');
    expect(blocksOnly.message.text).not.toMatch(/stage|thèse/);
    const full = await toCandidate({ template: 'admission_decision', data: { admitted: true, next: 'full_training' } });
    expect(full.message.text).toContain('déclaration de stage et de dépôt de thèse');
    for (const m of [vae.message, blocksOnly.message, full.message]) expect(m.text).not.toContain('calendrier');
  });

  it('#16 a block-only award names the blocks and does not say "the certification"', async () => {
    const { message } = await toCandidate({ template: 'certification_outcome', data: { outcome: 'awarded', deferredBlocks: [], award: 'blocks', blocks: ['BC03'] } });
    expect(message.text).toContain('les blocs de compétences suivants');
    expect(message.text).toContain('Bloc 3 – ');
    expect(message.text).not.toContain('la certification «');
  });

  it('#17 a staff alert gives the reason in words, the stage, block, assessment and the candidate\'s record', async () => {
    const c = await createCandidate(db);
    const before = (await waitForMessages(stack.mailboxUrl, config.admissionsEmail, 0)).length;
    const { outboxId } = await mail.queueEmail({ journeyId: c.journeyId, purpose: 'alert', to: { kind: 'staff' }, ...sampleEmail('staff_alert') });
    await mail.deliverEmail(outboxId);
    const message = (await waitForMessages(stack.mailboxUrl, config.admissionsEmail, before + 1)).at(-1)!;
    expectNoCodes(message.subject, message.text);
    expect(message.text).toContain('La note d’une évaluation n’est pas saisie à temps.');
    expect(message.text).toContain('Étape\u00a0: formation');
    expect(message.text).toContain('Évaluation\u00a0: Création d’un cahier des charges fonctionnel');
    expect(message.text).toContain(`http://jalon.test/candidates/${c.candidate.id}`);
  });

  it('#18 reminders say they are reminders', async () => {
    for (const email of [sampleEmail('dossier_reminder'), sampleEmail('thesis_reminder'), { template: 'vae_evidence_request', data: { ...SAMPLE_DATA.vae_evidence_request, reminder: true } } as EmailRequest, sampleEmail('follow_up_survey_reminder')]) {
      const { message } = await toCandidate(email);
      expect(message.subject).toMatch(/^Rappel/);
    }
  });

  it('#19 a reschedule cancels the earlier invitation: METHOD:CANCEL with the same UID', async () => {
    const c = await createCandidate(db);
    const to = { kind: 'candidate' as const, candidateId: c.candidate.id };
    const invite = await receive(c.journeyId, to, c.candidate.email, { template: 'interview_confirmed', data: { slot: SAMPLE_SLOT, offer: 0, audience: 'candidate' } });
    const cancel = await receive(c.journeyId, to, c.candidate.email, { template: 'interview_cancelled', data: { slot: SAMPLE_SLOT, offer: 0, audience: 'candidate', because: 'rescheduled' } });
    const uid = (m: StoredMessage) => /UID:(\S+)/.exec(m.attachments.find((a) => a.contentType.startsWith('text/calendar'))!.content)?.[1];
    expect(cancel.subject).toContain('Entretien annulé');
    expect(cancel.text).toContain('reprogrammé');
    expect(cancel.attachments[0]!.content).toContain('METHOD:CANCEL');
    expect(uid(cancel)).toBe(uid(invite));
  });

  it('#21 replies go to the admissions office (Reply-To), and the address is written in the email', async () => {
    const { message } = await toCandidate(sampleEmail('journey_withdrawn'));
    expect(message.headers['reply-to']).toContain(config.admissionsEmail);
    expect(message.text).toContain(config.admissionsEmail);
  });

  it('#22 the shortfall warning rounds months, with a decimal comma in French', async () => {
    const { message } = await toCandidate(sampleEmail('internship_shortfall_warning'));
    expect(message.text).toContain('Vous avez 2 mois équivalent temps plein confirmés sur les 4 requis.');
    const half = await toCandidate({ template: 'internship_shortfall_warning', data: { fteMonths: 2.45, minimumMonths: 4, programmeEndsOn: '2027-08-31' } });
    expect(half.message.text).toContain('2,5 mois');
    expect(half.message.text).toContain('31 août 2027');
  });

  it('#23 the thesis request and reminder say to upload it in the space, with the space link (valid past the deadline) and the date', async () => {
    for (const [template, language] of [['thesis_submission_request', 'fr'], ['thesis_reminder', 'en']] as const) {
      const { message, candidate } = await toCandidate(sampleEmail(template), language, { action: 'thesis_submission', expiresAtMs: SAMPLE_DUE + 30 * DAY });
      expect(message.text).toMatch(/http:\/\/jalon\.test\/space\/sign-in\/[A-Za-z0-9_-]{43}/);
      expect(message.text).not.toMatch(/\/a\/[A-Za-z0-9_-]{43}|par courriel|by email|confirm/i);
      expect(message.text).toContain(language === 'fr' ? 'dans votre espace candidat : le bouton ci-dessous vous y mène' : 'in your candidate space: the button below takes you there');
      expect(message.text).toContain(`${language === 'fr' ? 'À faire avant le' : 'To do by'} ${formatDateTime(SAMPLE_DUE, language)}`);
      expect(message.text).toContain('http://jalon.test/space/lost-link');
      // The space's thesis form is the action token's: created, never mailed.
      expect(await db.actionToken.count({ where: { recipientRef: `candidate:${candidate.id}`, action: 'thesis_submission' } })).toBe(1);
      const link = await db.candidateSignInLink.findFirstOrThrow({ where: { candidateId: candidate.id } });
      expect(link.expiresAt.getTime()).toBeGreaterThanOrEqual(SAMPLE_DUE + 30 * DAY);
    }
  });

  it('#24 the thesis result gives the grade and, when not validated, the next step', async () => {
    const { message } = await toCandidate(sampleEmail('thesis_result'));
    expect(message.text).toContain('(note : 9,5/20)');
    expect(message.text).toContain('nouvelle soutenance');
  });

  it('#25 a jury member reads their language; a replaced member is told their link is void', async () => {
    const c = await createCandidate(db);
    const m = await member(c.candidate.id, 'en');
    const request = await receive(c.journeyId, { kind: 'juryMember', memberId: m.id }, m.email, sampleEmail('jury_decision_request'), { action: 'jury_decision', expiresAtMs: SAMPLE_DUE + 30 * DAY });
    expect(request.text).toContain('Hello Dominique Juré,');
    const released = await receive(c.journeyId, { kind: 'juryMember', memberId: m.id }, m.email, sampleEmail('jury_member_released'));
    expect(released.text).toContain('no longer works');
  });
});
