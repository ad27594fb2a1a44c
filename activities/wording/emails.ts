// What each email says, in French and English, from its typed data (activities/notification-types.ts).
// Every message says what happened, why in words, what to do, by when and how; the layout (greeting,
// deadline, link, sender, contact) is the email component's job (activities/mail/components).
import type { Referential } from '../../domain/index';
import type { TemplateDataOf, TemplateKind } from '../notification-types';
import {
  NOT_ADMITTED, SELECTION_REASONS, STAFF_ALERTS, STAGES, assessmentName, blockName, formatDate, formatDateTime, formatGrade, formatIsoDate,
  formatNumber, label, labelled, colon, pieceName, vaeItemName, w, type Language, type Words,
} from './catalogue';
import { EVIDENCE } from './evidence';
import { cpfDeclarationDue, cpfIdentityRequest } from './cpf-emails';
import { personalDataExport, retentionReport } from './privacy-emails';

export interface EmailContext {
  language: Language;
  ref: Referential;
  /** Who the case is about, when the recipient is not the candidate. */
  candidateName?: string;
  /** The eligibility reasons in words, read from the database (eligibility_refused). */
  eligibilityReasons?: Words[];
  /** Staff emails: where the candidate's record is (API). */
  candidateUrl?: string;
  /** An award whose holder's identity the CPF declaration still lacks: by when to give it (certification_outcome). */
  cpfIdentityAskedByMs?: number;
}

export interface EmailContent {
  subject: string;
  paragraphs: string[];
  list?: string[];
  /** Label / value pairs (when, how long, where...). */
  facts?: [string, string][];
  /** Paragraphs after the list and facts: what to do next. */
  next?: string[];
  /** The button text when the email carries an action link. */
  cta?: string;
  /** The step's deadline (never the link's expiry). */
  dueAtMs?: number;
  reminder?: boolean;
}

type Content = { [K in TemplateKind]: (d: TemplateDataOf<K>, c: EmailContext) => EmailContent };

const about = (c: EmailContext) => (c.candidateName ? ` – ${c.candidateName}` : '');
const pick = (c: EmailContext) => (x: Words) => x[c.language];
const slotFacts = (slot: { startsAtMs: number; durationMinutes: number; place?: string }, c: EmailContext): [string, string][] => {
  const t = pick(c);
  return [
    [t(w('Date et heure', 'Date and time')), formatDateTime(slot.startsAtMs, c.language)],
    [t(w('Durée', 'Duration')), `${slot.durationMinutes} minutes`],
    [t(w('Lieu', 'Place')), slot.place ?? t(w('communiqué par le service des admissions avant l’entretien', 'sent by the admissions office before the interview'))],
  ];
};
const slotLine = (slot: { startsAtMs: number; durationMinutes: number; place?: string }, c: EmailContext) =>
  `${formatDateTime(slot.startsAtMs, c.language)}, ${slot.durationMinutes} minutes${slot.place ? ` – ${slot.place}` : ''}`;

export const EMAILS: Content = {
  dossier_opened: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w('Votre dossier de candidature est ouvert', 'Your application dossier is open')),
      paragraphs: [t(w('Votre candidature à la certification est enregistrée. Pour qu’elle soit examinée, il nous manque encore ces pièces :', 'Your application for the certification is recorded. Before it can be reviewed, we still need these pieces:'))],
      list: d.missing.map((p) => pieceName(c.ref, p, c.language)),
      next: [t(w('Déposez-les dans votre espace candidat (bouton ci-dessous) : vous y verrez aussi où en est votre parcours et ce qui vous sera demandé. Sans ces pièces à la date limite, le dossier expire.', 'Upload them in your candidate space (button below): you will also see there where your journey stands and what will be asked of you. Without them by the deadline, the dossier expires.'))],
      cta: t(w('Mon espace candidat', 'My candidate space')),
      dueAtMs: d.dueAtMs,
    };
  },
  dossier_reminder: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w('Rappel : pièces manquantes dans votre dossier', 'Reminder: pieces missing from your dossier')),
      reminder: true,
      paragraphs: [t(w('Votre dossier de candidature n’est pas encore complet. Il manque :', 'Your application dossier is not complete yet. Still missing:'))],
      list: d.missing.map((p) => pieceName(c.ref, p, c.language)),
      next: [t(w('Déposez-les dans votre espace candidat (bouton ci-dessous). Sans ces pièces à la date limite, le dossier expire.', 'Upload them in your candidate space (button below). Without them by the deadline, the dossier expires.'))],
      cta: t(w('Mon espace candidat', 'My candidate space')),
      dueAtMs: d.dueAtMs,
    };
  },
  dossier_expired: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w('Votre dossier de candidature a expiré', 'Your application dossier has expired')),
      paragraphs: [t(w('Votre dossier n’a pas été complété à la date limite : il a expiré et ne sera pas examiné. Pièces qui manquaient :', 'Your dossier was not completed by the deadline: it has expired and will not be reviewed. Pieces that were missing:'))],
      list: d.missing.map((p) => pieceName(c.ref, p, c.language)),
      next: [t(w('Pour candidater de nouveau, écrivez au service des admissions.', 'To apply again, write to the admissions office.'))],
    };
  },
  staff_alert: (d, c) => {
    const t = pick(c);
    const facts: [string, string][] = [[t(w('Étape', 'Stage')), label(STAGES, d.stage, c.language)]];
    if (d.blockCode) facts.push([t(w('Bloc', 'Block')), blockName(c.ref, d.blockCode, c.language)]);
    if (d.assessmentId) facts.push([t(w('Évaluation', 'Assessment')), assessmentName(c.ref, d.assessmentId, c.language)]);
    // The quota reserve's cut-off is ahead (a reminder); every other alert's deadline has passed.
    const dueLabel = d.reason === 'quota_reserve_cutoff_soon' ? w('Date limite de décision', 'Decision cut-off') : w('Échéance dépassée', 'Missed deadline');
    if (d.dueAtMs !== undefined) facts.push([t(dueLabel), formatDateTime(d.dueAtMs, c.language)]);
    if (d.recipient) facts.push([t(w('Destinataire introuvable', 'Recipient not found')), t(d.recipient === 'juryMember' ? w('un membre de jury', 'a jury member') : d.recipient === 'candidate' ? w('le candidat', 'the candidate') : w('l’équipe', 'the team'))]);
    if (c.candidateUrl) facts.push([t(w('Dossier du candidat (API)', 'Candidate record (API)')), c.candidateUrl]);
    return {
      subject: `${t(w('Action requise', 'Action needed'))}${about(c)}`,
      paragraphs: [label(STAFF_ALERTS, d.reason, c.language), t(w('Le parcours attend l’intervention d’une personne de l’équipe.', 'The journey waits for someone on the team to act.'))],
      facts,
    };
  },
  selection_review_request: (d, c) => {
    const t = pick(c);
    return {
      subject: `${t(w('Dossier de candidature à examiner', 'Application dossier to review'))}${about(c)}`,
      paragraphs: [t(w('Vous êtes membre du jury de sélection de ce dossier. Lisez le profil, la recevabilité et les pièces sur la page du lien, puis déclarez le candidat admissible ou non, avec un motif.', 'You are on the selection jury of this dossier. Read the profile, the eligibility and the pieces on the link’s page, then declare the candidate admissible or not, with a reason.'))],
      cta: t(w('Examiner le dossier', 'Review the dossier')),
      dueAtMs: d.dueAtMs,
    };
  },
  selection_review_reminder: (d, c) => {
    const t = pick(c);
    return {
      subject: `${t(w('Rappel : dossier en attente de votre avis', 'Reminder: dossier awaiting your review'))}${about(c)}`,
      reminder: true,
      paragraphs: [t(w('Nous attendons toujours votre avis de membre du jury de sélection sur ce dossier.', 'We are still waiting for your review of this dossier as a selection jury member.'))],
      cta: t(w('Examiner le dossier', 'Review the dossier')),
      dueAtMs: d.dueAtMs,
    };
  },
  eligibility_refused: (d, c) => {
    const t = pick(c);
    // No usable declared profile: the conditions could not be applied at all. The candidate is told what
    // is missing and what to send, never the staff's note (field names, "review again").
    if (d.reasonCodes.includes('declared_profile_invalid')) {
      return {
        subject: t(w('Votre candidature ne peut pas être examinée : votre profil nous manque', 'Your application cannot be reviewed: we lack your profile')),
        paragraphs: [t(w(
          'Votre dossier est complet, mais nous n’avons pas reçu votre profil complet : vos diplômes (intitulé, niveau, pays) et vos années d’expérience professionnelle. Sans lui, les conditions d’accès à la certification ne peuvent pas être appliquées : votre candidature est arrêtée à cette étape. Aucun jury n’a examiné votre dossier.',
          'Your dossier is complete, but we did not receive your complete profile: your degrees (title, level, country) and your years of professional experience. Without it, the certification’s admission conditions cannot be applied: your application stops at this step. No jury reviewed your dossier.',
        ))],
        next: [t(w(
          'Écrivez au service des admissions en donnant vos diplômes et vos années d’expérience professionnelle (et, si vous l’avez suivie, votre procédure de validation des acquis) : il vous dira comment reprendre votre candidature.',
          'Write to the admissions office with your degrees and your years of professional experience (and, if you followed it, your validation of prior learning procedure): it will tell you how to resume your application.',
        ))],
      };
    }
    return {
      subject: t(w('Votre candidature n’est pas recevable', 'Your application is not admissible')),
      paragraphs: [t(w('D’après le profil que vous avez déclaré (diplômes et expérience), votre candidature ne remplit aucune des conditions d’accès à la certification. Aucun jury n’a examiné votre dossier : c’est l’application des conditions d’accès.', 'From the profile you declared (degrees and experience), your application meets none of the certification’s admission conditions. No jury reviewed your dossier: this is how the admission conditions apply.'))],
      list: (c.eligibilityReasons ?? []).map((r) => r[c.language]),
      next: [t(w('Si votre profil déclaré est incomplet ou inexact, écrivez au service des admissions : il peut être corrigé et réexaminé.', 'If your declared profile is incomplete or wrong, write to the admissions office: it can be corrected and reviewed again.'))],
    };
  },
  selection_decision: (d, c) => {
    const t = pick(c);
    return d.admissible
      ? { subject: t(w('Vous êtes admissible', 'You are admissible')), paragraphs: [t(w('Le jury de sélection vous a déclaré·e admissible. Prochaine étape : l’entretien de motivation. Vous recevrez un courriel avec les créneaux proposés.', 'The selection jury declared you admissible. Next step: the motivation interview. You will receive an email with the offered slots.'))] }
      : {
          subject: t(w('Décision du jury de sélection', 'Selection jury decision')),
          paragraphs: [t(w('Le jury de sélection a examiné votre dossier et ne vous a pas déclaré·e admissible.', 'The selection jury reviewed your dossier and did not declare you admissible.')), `${labelled(t(w('Motif', 'Reason')), label(SELECTION_REASONS, d.reasonCode, c.language), c.language)}.`],
          next: [t(w('Pour en savoir plus, écrivez au service des admissions.', 'To know more, write to the admissions office.'))],
        };
  },
  interview_slots_offered: (d, c) => {
    const t = pick(c);
    return {
      subject: d.reminder ? t(w('Rappel : choisissez votre créneau d’entretien', 'Reminder: choose your interview slot')) : t(w('Choisissez votre créneau d’entretien', 'Choose your interview slot')),
      reminder: d.reminder,
      paragraphs: [t(w('Voici les créneaux proposés pour votre entretien de motivation :', 'These are the slots offered for your motivation interview:'))],
      list: d.slots.map((s) => slotLine(s, c)),
      next: [t(w('Choisissez-en un avec le lien ci-dessous. Aucun ne vous convient ? Écrivez au service des admissions.', 'Pick one with the link below. None suits you? Write to the admissions office.'))],
      cta: t(w('Choisir un créneau', 'Choose a slot')),
      dueAtMs: d.dueAtMs,
    };
  },
  interview_confirmed: (d, c) => {
    const t = pick(c);
    return d.audience === 'candidate'
      ? {
          subject: t(w('Entretien confirmé', 'Interview confirmed')),
          paragraphs: [t(w('Votre entretien de motivation est confirmé :', 'Your motivation interview is confirmed:'))],
          facts: slotFacts(d.slot, c),
          next: [t(w('L’invitation est jointe (fichier calendrier). En cas d’empêchement, écrivez au service des admissions au plus tôt.', 'The invitation is attached (calendar file). If you cannot attend, write to the admissions office as soon as possible.'))],
        }
      : {
          subject: `${t(w('Entretien de motivation à conduire', 'Motivation interview to hold'))}${about(c)}`,
          paragraphs: [t(w('Vous faites partie du jury de cet entretien de motivation. Le candidat a choisi ce créneau :', 'You are on the jury of this motivation interview. The candidate chose this slot:'))],
          facts: slotFacts(d.slot, c),
          next: [t(w('L’invitation est jointe (fichier calendrier). Après l’entretien, vous recevrez un lien pour en saisir le résultat.', 'The invitation is attached (calendar file). After the interview you will receive a link to record its outcome.'))],
        };
  },
  interview_cancelled: (d, c) => {
    const t = pick(c);
    const why = d.because === 'rescheduled'
      ? t(w('L’entretien est reprogrammé : de nouveaux créneaux vont être proposés.', 'The interview is being rescheduled: new slots will be offered.'))
      : t(w('Le candidat s’est retiré du parcours.', 'The candidate withdrew from the journey.'));
    return {
      subject: `${t(w('Entretien annulé', 'Interview cancelled'))}${d.audience === 'interviewer' ? about(c) : ''}`,
      paragraphs: [t(w('L’entretien prévu ci-dessous est annulé ; l’invitation jointe le retire de votre agenda.', 'The interview below is cancelled; the attached invitation removes it from your calendar.')), why],
      facts: slotFacts(d.slot, c),
    };
  },
  interview_reminder: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w('Rappel : votre entretien approche', 'Reminder: your interview is soon')),
      reminder: true,
      paragraphs: [t(w('Votre entretien de motivation approche :', 'Your motivation interview is soon:'))],
      facts: slotFacts(d.slot, c),
      next: [t(w('En cas d’empêchement, écrivez au service des admissions au plus tôt.', 'If you cannot attend, write to the admissions office as soon as possible.'))],
    };
  },
  interview_outcome_request: (d, c) => {
    const t = pick(c);
    return {
      subject: `${d.reminder ? `${t(w('Rappel', 'Reminder'))}${colon(c.language)}` : ''}${t(w('Résultat de l’entretien à saisir', 'Interview outcome to record'))}${about(c)}`,
      reminder: d.reminder,
      paragraphs: [t(w('Merci d’indiquer le résultat de l’entretien de motivation tenu le', 'Please record the outcome of the motivation interview held on')) + ` ${formatDateTime(d.slot.startsAtMs, c.language)}${colon(c.language)}${t(w('admis, non admis ou absent.', 'admitted, not admitted or no-show.'))}`],
      cta: t(w('Saisir le résultat', 'Record the outcome')),
      dueAtMs: d.dueAtMs,
    };
  },
  admission_decision: (d, c) => {
    const t = pick(c);
    if (d.admitted) {
      return {
        subject: t(w('Vous êtes admis·e', 'You are admitted')),
        paragraphs: [
          ...(d.via === 'reserve' ? [t(w('Une place ouverte aux admissions par dérogation s’est libérée dans votre promotion : votre admission est confirmée.', 'A place open to admission under a derogation has opened in your cohort: your admission is confirmed.'))] : []),
          ...(d.via === 'appeal' ? [t(w('L’équipe des admissions a décidé de confirmer votre admission dans votre promotion.', 'The admissions team decided to confirm your admission to your cohort.'))] : []),
          t(w('Félicitations : vous êtes admis·e dans le parcours de certification.', 'Congratulations: you are admitted to the certification journey.')),
        ],
        next: [
          d.next === 'vae_evidence'
            ? t(w('Prochaine étape : vous recevrez un courriel détaillant les preuves à fournir pour chaque bloc de compétences.', 'Next step: you will receive an email listing the evidence to provide for each competency block.'))
            : t(w('Prochaine étape : les évaluations de vos blocs de compétences, organisées par l’équipe pédagogique. Chaque résultat vous sera envoyé par courriel.', 'Next step: the assessments of your competency blocks, organised by the teaching team. Each result will be emailed to you.')),
          ...(d.next === 'full_training' ? [t(w('Vous recevrez aussi les demandes de déclaration de stage et de dépôt de thèse professionnelle.', 'You will also receive the requests to declare your internship and to submit your professional thesis.'))] : []),
        ],
      };
    }
    return {
      subject: t(w('Décision d’admission', 'Admission decision')),
      paragraphs: [NOT_ADMITTED[d.reasonCode][c.language]],
      next: [t(w('Pour en savoir plus, écrivez au service des admissions.', 'To know more, write to the admissions office.'))],
    };
  },
  quota_reserve_entered: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w('Vous êtes admissible : place confirmée dès que possible', 'You are admissible: place confirmed as soon as possible')),
      paragraphs: [
        t(w('Votre entretien de motivation est réussi : vous êtes admissible.', 'Your motivation interview went well: you are admissible.')),
        t(w(
          'Votre admission relève d’une dérogation, et les places ouvertes aux dérogations dépendent de la composition de la promotion (elles augmentent avec les admissions de droit). Elles sont toutes prises aujourd’hui : votre place sera confirmée dès que la composition de la promotion le permettra.',
          'Your admission falls under a derogation, and the places open to derogations depend on the cohort’s composition (they grow with the admissions by right). They are all taken today: your place will be confirmed as soon as the cohort’s composition allows.',
        )),
      ],
      next: [
        d.cutoffOn
          ? `${t(w('Vous n’avez rien à faire. Vous recevrez un courriel dès qu’une place se libère, et au plus tard après la date de décision de votre promotion, le', 'You have nothing to do. You will receive an email as soon as a place opens, and at the latest after your cohort’s decision date,'))} ${formatIsoDate(d.cutoffOn, c.language)}.`
          : t(w('Vous n’avez rien à faire. Vous recevrez un courriel dès qu’une place se libère, ou quand l’équipe des admissions aura décidé.', 'You have nothing to do. You will receive an email as soon as a place opens, or once the admissions team has decided.')),
      ],
    };
  },
  assessment_grade_request: (d, c) => {
    const t = pick(c);
    return {
      subject: `${labelled(t(w('Note à saisir', 'Grade to record')), assessmentName(c.ref, d.assessmentId, c.language), c.language)}${about(c)}`,
      paragraphs: [t(w('Vous êtes l’évaluateur de cette épreuve. Merci d’en saisir la note sur 20.', 'You are the assessor of this assessment. Please record its grade out of 20.'))],
      facts: [
        [t(w('Bloc', 'Block')), blockName(c.ref, d.blockCode, c.language)],
        [t(w('Évaluation', 'Assessment')), assessmentName(c.ref, d.assessmentId, c.language)],
        [t(w('Tentative', 'Attempt')), t(EVIDENCE.attempt(d.attempt))],
      ],
      cta: t(w('Saisir la note', 'Record the grade')),
      dueAtMs: d.dueAtMs,
    };
  },
  assessment_grade_reminder: (d, c) => {
    const t = pick(c);
    return {
      subject: `${labelled(t(w('Rappel : note manquante', 'Reminder: grade missing')), assessmentName(c.ref, d.assessmentId, c.language), c.language)}${about(c)}`,
      reminder: true,
      paragraphs: [t(w('La note de cette épreuve n’est pas encore saisie.', 'The grade of this assessment is still missing.'))],
      facts: [
        [t(w('Bloc', 'Block')), blockName(c.ref, d.blockCode, c.language)],
        [t(w('Évaluation', 'Assessment')), assessmentName(c.ref, d.assessmentId, c.language)],
        [t(w('Tentative', 'Attempt')), t(EVIDENCE.attempt(d.attempt))],
      ],
      cta: t(w('Saisir la note', 'Record the grade')),
      dueAtMs: d.dueAtMs,
    };
  },
  assessment_result: (d, c) => {
    const t = pick(c);
    const name = assessmentName(c.ref, d.assessmentId, c.language);
    const grade = formatGrade(d.grade, d.scale, c.language);
    const outcome = d.result === 'passed'
      ? t(w(`Vous avez réussi l’évaluation « ${name} » avec ${grade}.`, `You passed the assessment "${name}" with ${grade}.`))
      : d.result === 'retake'
        ? t(w(`Vous n’avez pas atteint le seuil de l’évaluation « ${name} » (${grade}). Vous avez droit à un rattrapage.`, `You did not reach the pass mark of the assessment "${name}" (${grade}). You are entitled to a retake.`))
        : t(w(`Vous n’avez pas atteint le seuil de l’évaluation « ${name} » (${grade}) et aucun rattrapage ne reste possible.`, `You did not reach the pass mark of the assessment "${name}" (${grade}) and no retake is left.`));
    return {
      subject: labelled(t(w('Résultat d’évaluation', 'Assessment result')), name, c.language),
      paragraphs: [outcome, `${labelled(t(w('Bloc', 'Block')), blockName(c.ref, d.blockCode, c.language), c.language)}.`],
      next: d.result === 'retake'
        ? [t(w('Remettez votre nouveau travail dans votre espace candidat (bouton ci-dessous, rubrique « Travaux à remettre ») avant la date ci-dessous : l’évaluateur le notera ensuite.', 'Hand in your new work in your candidate space (button below, "Work to hand in") before the date below: the assessor grades it afterwards.'))]
        : d.result === 'failed' ? [t(w('Le bloc ne pourra pas être validé à cette session ; écrivez au service des admissions pour connaître les suites possibles.', 'The block cannot be validated at this session; write to the admissions office to know what can follow.'))] : undefined,
      cta: d.result === 'retake' ? t(w('Mon espace candidat', 'My candidate space')) : undefined,
      dueAtMs: d.retakeDueAtMs,
    };
  },
  block_result: (d, c) => {
    const t = pick(c);
    const name = blockName(c.ref, d.blockCode, c.language);
    return {
      subject: labelled(t(w('Résultat du bloc', 'Block result')), name, c.language),
      paragraphs: [d.status === 'validated' ? t(w(`Le bloc « ${name} » est validé : toutes ses évaluations sont réussies.`, `The block "${name}" is validated: all its assessments are passed.`)) : t(w(`Le bloc « ${name} » n’est pas validé : une évaluation reste sous le seuil après rattrapage.`, `The block "${name}" is not validated: an assessment is still below the pass mark after the retake.`))],
      next: d.status === 'failed' ? [t(w('Écrivez au service des admissions pour connaître les suites possibles.', 'Write to the admissions office to know what can follow.'))] : undefined,
    };
  },
  internship_declaration_request: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w('Déclarez vos périodes de stage ou d’expérience', 'Declare your internship or experience periods')),
      paragraphs: [t(w(`La certification demande au moins ${formatNumber(d.minimumMonths, 'fr')} mois équivalent temps plein de stage ou d’expérience professionnelle. Les périodes s’additionnent et le temps partiel compte au prorata.`, `The certification requires at least ${formatNumber(d.minimumMonths, 'en')} full-time-equivalent months of internship or professional experience. Periods add up and part-time counts pro rata.`))],
      next: [
        t(w('Déclarez chaque période avec le lien ci-dessous : le même lien sert pour toutes vos périodes, une à la fois. L’équipe confirme chacune.', 'Declare each period with the link below: the same link serves for all your periods, one at a time. The team confirms each one.')),
        ...(d.programmeEndsOn ? [t(w(`Fin du programme : ${formatIsoDate(d.programmeEndsOn, 'fr')}.`, `End of the programme: ${formatIsoDate(d.programmeEndsOn, 'en')}.`))] : []),
      ],
      cta: t(w('Déclarer une période', 'Declare a period')),
    };
  },
  internship_shortfall_warning: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w('Stage : durée encore insuffisante', 'Internship: not long enough yet')),
      paragraphs: [t(w(`Vous avez ${formatNumber(d.fteMonths, 'fr')} mois équivalent temps plein confirmés sur les ${formatNumber(d.minimumMonths, 'fr')} requis.`, `You have ${formatNumber(d.fteMonths, 'en')} confirmed full-time-equivalent months of the ${formatNumber(d.minimumMonths, 'en')} required.`))],
      next: [t(w(`Le programme se termine le ${formatIsoDate(d.programmeEndsOn, 'fr')}. Déclarez vos autres périodes avec le lien reçu pour la déclaration de stage, ou écrivez au service des admissions.`, `The programme ends on ${formatIsoDate(d.programmeEndsOn, 'en')}. Declare your other periods with the link you received for the internship declaration, or write to the admissions office.`))],
    };
  },
  thesis_submission_request: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w('Déposez votre thèse professionnelle', 'Submit your professional thesis')),
      paragraphs: [t(w('Votre thèse professionnelle est attendue. Déposez sa version finale (un fichier PDF, PNG, JPEG ou Word) dans votre espace candidat : le bouton ci-dessous vous y mène. Le dépôt est enregistré dès l’envoi du fichier.', 'Your professional thesis is due. Upload its final version (a PDF, PNG, JPEG or Word file) in your candidate space: the button below takes you there. The submission is recorded as soon as the file is sent.'))],
      cta: t(w('Déposer ma thèse dans mon espace', 'Upload my thesis in my space')),
      dueAtMs: d.dueAtMs,
    };
  },
  thesis_reminder: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w('Rappel : dépôt de la thèse professionnelle', 'Reminder: professional thesis submission')),
      reminder: true,
      paragraphs: [t(w('La date limite de dépôt de votre thèse professionnelle approche. Déposez sa version finale dans votre espace candidat : le bouton ci-dessous vous y mène.', 'The submission deadline of your professional thesis is near. Upload its final version in your candidate space: the button below takes you there.'))],
      cta: t(w('Déposer ma thèse dans mon espace', 'Upload my thesis in my space')),
      dueAtMs: d.dueAtMs,
    };
  },
  thesis_result: (d, c) => {
    const t = pick(c);
    const grade = formatGrade(d.grade, d.scale, c.language);
    return {
      subject: t(w('Résultat de votre thèse professionnelle', 'Result of your professional thesis')),
      paragraphs: [d.validated ? t(w(`Votre thèse professionnelle est validée, avec la note de ${grade}.`, `Your professional thesis is validated, with a grade of ${grade}.`)) : t(w(`Votre thèse professionnelle n’est pas validée (note : ${grade}).`, `Your professional thesis is not validated (grade: ${grade}).`))],
      next: d.validated ? undefined : [t(w('Le service des admissions vous contactera pour une nouvelle soutenance ; vous pouvez aussi lui écrire dès maintenant.', 'The admissions office will contact you about a new defence; you may also write to it now.'))],
    };
  },
  vae_evidence_request: (d, c) => {
    const t = pick(c);
    return {
      subject: d.reminder ? t(w('Rappel : vos preuves VAE sont attendues', 'Reminder: your VAE evidence is awaited')) : t(w('VAE : vos preuves par bloc de compétences', 'VAE: your evidence per competency block')),
      reminder: d.reminder,
      paragraphs: [t(w('Pour la validation des acquis de l’expérience, le jury de certification décide sur vos preuves. Voici ce qui est attendu :', 'For the validation of prior experience, the certification jury decides on your evidence. This is what is expected:'))],
      list: d.items.map((i) => vaeItemName(c.ref, i, c.language)),
      next: [
        t(w('Pour chaque bloc, rassemblez des situations professionnelles réelles qui montrent ses compétences, avec leurs pièces : livrables, rapports, attestations d’employeur, et si besoin une note qui les présente.', 'For each block, gather real work situations that show its competencies, with their documents: deliverables, reports, employer certificates, and a note presenting them if needed.')),
        t(w('Déposez-les dans votre espace candidat (bouton ci-dessous), bloc par bloc, en PDF, image ou Word : vous y voyez ce qui est reçu, puis ce que le service des admissions a validé. Le jury de certification décide sur les preuves validées.', 'Upload them in your candidate space (button below), block by block, as PDF, image or Word: you see there what is received, then what the admissions office validated. The certification jury decides on the validated evidence.')),
      ],
      cta: t(w('Déposer mes preuves', 'Upload my evidence')),
      dueAtMs: d.dueAtMs,
    };
  },
  jury_decision_request: (d, c) => {
    const t = pick(c);
    return {
      subject: `${t(w('Jury de certification : décision attendue', 'Certification jury: decision awaited'))}${about(c)}`,
      paragraphs: [
        t(w(`Vous êtes membre du jury de certification réuni le ${formatIsoDate(d.sittingOn, 'fr')}. Consultez le dossier (résultats des blocs, stage, thèse ou preuves VAE) sur la page du lien et enregistrez votre décision : attribuer, ne pas attribuer ou ajourner, éventuellement pour certains blocs.`, `You are on the certification jury sitting on ${formatIsoDate(d.sittingOn, 'en')}. Read the case (block results, internship, thesis or VAE evidence) on the link’s page and record your decision: award, not award or defer, possibly for some blocks.`)),
        t(w('Vous pourrez la modifier jusqu’à la clôture du jury.', 'You may change it until the jury closes.')),
      ],
      cta: t(w('Consulter et décider', 'Read and decide')),
      dueAtMs: d.dueAtMs,
    };
  },
  jury_decision_reminder: (d, c) => {
    const t = pick(c);
    return {
      subject: `${t(w('Rappel : votre décision de jury est attendue', 'Reminder: your jury decision is awaited'))}${about(c)}`,
      reminder: true,
      paragraphs: [t(w(`Nous attendons toujours votre décision de membre du jury de certification (séance du ${formatIsoDate(d.sittingOn, 'fr')}).`, `We are still waiting for your decision as a certification jury member (sitting of ${formatIsoDate(d.sittingOn, 'en')}).`))],
      cta: t(w('Consulter et décider', 'Read and decide')),
      dueAtMs: d.dueAtMs,
    };
  },
  jury_member_released: (d, c) => {
    const t = pick(c);
    return {
      subject: `${t(w('Vous ne siégez plus à ce jury de certification', 'You no longer sit on this certification jury'))}${about(c)}`,
      paragraphs: [t(w(`Un autre membre vous remplace au jury de certification du ${formatIsoDate(d.sittingOn, 'fr')}. Le lien reçu pour ce dossier ne fonctionne plus ; vous n’avez rien à faire.`, `Another member replaces you on the certification jury of ${formatIsoDate(d.sittingOn, 'en')}. The link you received for this case no longer works; there is nothing for you to do.`))],
    };
  },
  certification_outcome: (d, c) => {
    const t = pick(c);
    const what = d.award === 'title'
      ? t(w(`la certification « ${c.ref.title.fr} »`, `the certification "${c.ref.title.en}"`))
      : t(w('les blocs de compétences suivants', 'the following competency blocks'));
    const blocks = d.blocks.map((b) => blockName(c.ref, b, c.language));
    const deferred = d.deferredBlocks.map((b) => blockName(c.ref, b, c.language));
    switch (d.outcome) {
      case 'awarded':
        return { subject: t(w('Décision du jury de certification : attribuée', 'Certification jury decision: awarded')), paragraphs: [`${t(w('Félicitations : le jury vous attribue', 'Congratulations: the jury awards you'))} ${what}.`], list: d.award === 'blocks' ? blocks : undefined, ...cpfIdentityRequest(c) };
      case 'partially_deferred':
        return {
          subject: t(w('Décision du jury de certification : en partie ajournée', 'Certification jury decision: partly deferred')),
          paragraphs: [t(w('Le jury a ajourné sa décision pour les blocs suivants ; il se prononcera à une nouvelle séance :', 'The jury deferred its decision on the following blocks; it will decide at a new sitting:'))],
          list: deferred,
          next: [t(w('Le service des admissions vous indiquera ce qui est attendu pour ces blocs et la date de la prochaine séance.', 'The admissions office will tell you what is expected for these blocks and the date of the next sitting.'))],
        };
      case 'deferred':
        return { subject: t(w('Décision du jury de certification : ajournée', 'Certification jury decision: deferred')), paragraphs: [t(w('Le jury a ajourné sa décision ; il se prononcera à une nouvelle séance.', 'The jury deferred its decision; it will decide at a new sitting.'))], next: [t(w('Le service des admissions vous indiquera la suite.', 'The admissions office will tell you what comes next.'))] };
      case 'not_awarded':
        return { subject: t(w('Décision du jury de certification', 'Certification jury decision')), paragraphs: [`${t(w('Le jury ne vous attribue pas', 'The jury does not award you'))} ${what}.`], list: d.award === 'blocks' ? blocks : undefined, next: [t(w('Pour connaître les motifs et les recours possibles, écrivez au service des admissions.', 'To know the reasons and possible appeals, write to the admissions office.'))] };
    }
  },
  follow_up_survey_request: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w(`Votre situation ${d.wave} mois après la certification`, `Your situation ${d.wave} months after certification`)),
      paragraphs: [t(w('Trois questions sur votre emploi nous aident à suivre l’insertion des certifiés (réponse en une minute).', 'Three questions about your job help us follow the employment of certified people (one minute).'))],
      cta: t(w('Répondre', 'Answer')),
      dueAtMs: d.dueAtMs,
    };
  },
  follow_up_survey_reminder: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w(`Rappel : enquête à ${d.wave} mois`, `Reminder: ${d.wave}-month survey`)),
      reminder: true,
      paragraphs: [t(w('Votre réponse à l’enquête de suivi nous manque encore (une minute).', 'Your answer to the follow-up survey is still missing (one minute).'))],
      cta: t(w('Répondre', 'Answer')),
      dueAtMs: d.dueAtMs,
    };
  },
  journey_suspended: (_d, c) => {
    const t = pick(c);
    return { subject: t(w('Votre parcours est suspendu', 'Your journey is suspended')), paragraphs: [t(w('Votre parcours est suspendu : les échéances sont mises en pause et reprendront avec le temps qui restait. Vous serez prévenu·e de la reprise.', 'Your journey is suspended: deadlines are paused and will resume with the time that was left. You will be told when it resumes.'))] };
  },
  journey_resumed: (_d, c) => {
    const t = pick(c);
    return { subject: t(w('Votre parcours reprend', 'Your journey resumes')), paragraphs: [t(w('Votre parcours reprend ; vos échéances sont décalées de la durée de la suspension. Les prochains courriels donnent les nouvelles dates.', 'Your journey resumes; your deadlines moved by the time it was paused. The next emails give the new dates.'))] };
  },
  journey_withdrawn: (_d, c) => {
    const t = pick(c);
    return { subject: t(w('Votre retrait est enregistré', 'Your withdrawal is recorded')), paragraphs: [t(w('Votre retrait du parcours de certification est enregistré. Vos données seront conservées puis effacées selon notre politique de confidentialité.', 'Your withdrawal from the certification journey is recorded. Your data will be kept, then erased, as our privacy policy says.'))] };
  },
  application_confirm: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w('Confirmez votre adresse pour envoyer votre candidature', 'Confirm your address to send your application')),
      paragraphs: [t(w(`Vous avez rempli une candidature pour la promotion « ${d.cohortLabel} ». Elle ne sera enregistrée qu’une fois votre adresse e-mail confirmée par ce lien personnel.`, `You filled in an application for the cohort "${d.cohortLabel}". It is recorded only once your email address is confirmed with this personal link.`))],
      facts: [[t(w('Valable jusqu’au', 'Valid until')), formatDateTime(d.expiresAtMs, c.language)]],
      next: [t(w('Ensuite, vous déposerez les pièces de votre dossier dans votre espace candidat. Si vous n’avez rien demandé, ignorez ce message : rien ne sera enregistré.', 'Then you will upload the pieces of your dossier in your candidate space. If you did not ask for this, ignore this message: nothing will be recorded.'))],
      cta: t(w('Confirmer mon adresse', 'Confirm my address')),
    };
  },
  candidate_space_link: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w('Votre lien vers votre espace candidat', 'Your link to your candidate space')),
      paragraphs: [t(w('Vous avez demandé un lien vers votre espace candidat : suivez ce lien personnel. Il ne sert qu’une fois.', 'You asked for a link to your candidate space: follow this personal link. It works once.'))],
      facts: [[t(w('Valable jusqu’au', 'Valid until')), formatDateTime(d.expiresAtMs, c.language)]],
      next: [t(w('Si vous n’avez rien demandé, ignorez ce message : personne ne peut ouvrir votre espace sans ce lien.', 'If you did not ask for it, ignore this message: nobody can open your space without this link.'))],
      cta: t(w('Mon espace candidat', 'My candidate space')),
    };
  },
  staff_sign_in: (d, c) => {
    const t = pick(c);
    return {
      subject: t(w('Jalon : votre lien de connexion', 'Jalon: your sign-in link')),
      paragraphs: [t(w('Pour ouvrir la console Jalon, suivez ce lien personnel. Il ne sert qu’une fois.', 'To open the Jalon console, follow this personal link. It works once.'))],
      facts: [[t(w('Valable jusqu’au', 'Valid until')), formatDateTime(d.expiresAtMs, c.language)]],
      next: [t(w('Si vous n’avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.', 'If you did not ask for it, ignore this message: nobody can sign in without this link.'))],
      cta: t(w('Se connecter à Jalon', 'Sign in to Jalon')),
    };
  },
  cpf_declaration_due: (d, c) => cpfDeclarationDue(d, c),
  personal_data_export: (d, c) => personalDataExport(d, c),
  retention_report: (d, c) => retentionReport(d, c),
};

export const dateOnly = formatDate;
