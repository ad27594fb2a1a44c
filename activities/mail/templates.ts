// One template per message kind, French and English. A template says what the email is about; the
// layout (greeting, deadline, link, footer, HTML and text parts) is render.ts's job.
// Data each kind reads (all optional, identifiers and dates only; names come from the database):
//   missing (or missingPieces): string[] piece codes · admissible: boolean (or decision) · reasonCode(s)
//   admitted: boolean (or decision) · slotIds + slots: string[] (ISO instants, same order)
//   startsAtMs (or interviewAtMs), durationMinutes, place · blockCode, assessmentId · status / validated
//   grade · fteMonths, minimumMonths · items (or blocks): string[] · outcome, deferredBlocks · wave
//   dueAtMs (when no action link)
import type { TemplateData, TemplateKind } from '../notification-types';
import { formatDate, formatDateTime, type Language } from './format';

export interface TemplateInput {
  language: Language;
  /** Who the case is about (the candidate), when the recipient is not the candidate. */
  candidateName?: string;
  data: TemplateData;
  /** When the link or the asked action is due (epoch ms). */
  dueAtMs?: number;
  hasLink: boolean;
}

export interface TemplateContent {
  subject: string;
  paragraphs: string[];
  list?: string[];
  /** The button/link label when there is an action link. */
  cta?: string;
}

type Template = Record<Language, (t: TemplateInput) => TemplateContent>;

const str = (d: TemplateData, k: string): string | undefined => (typeof d[k] === 'string' ? (d[k] as string) : typeof d[k] === 'number' ? String(d[k]) : undefined);
const num = (d: TemplateData, k: string): number | undefined => (typeof d[k] === 'number' ? (d[k] as number) : undefined);
const arr = (d: TemplateData, k: string): string[] => (Array.isArray(d[k]) ? (d[k] as string[]) : []);
const bool = (d: TemplateData, k: string): boolean | undefined => (typeof d[k] === 'boolean' ? (d[k] as boolean) : undefined);


// Names the journey uses, with the older names still read (one renderer, no silent blanks).
const missingOf = (d: TemplateData) => (arr(d, 'missing').length ? arr(d, 'missing') : arr(d, 'missingPieces'));
const admissibleOf = (d: TemplateData) => bool(d, 'admissible') ?? str(d, 'decision') === 'admissible';
const admittedOf = (d: TemplateData) => bool(d, 'admitted') ?? str(d, 'decision') === 'admitted';
const validatedOf = (d: TemplateData) => bool(d, 'validated') ?? str(d, 'status') === 'validated';
const reasonOf = (d: TemplateData) => str(d, 'reason') ?? str(d, 'reasonCode') ?? (arr(d, 'reasonCodes').join(', ') || undefined);
const itemsOf = (d: TemplateData) => (arr(d, 'items').length ? arr(d, 'items') : arr(d, 'blocks'));

const PIECES: Record<string, [string, string]> = {
  cv: ['CV', 'CV'],
  transcripts: ['Relevés de notes', 'Transcripts'],
  recommendation_letter: ['Lettre de recommandation', 'Recommendation letter'],
  motivation_letter: ['Lettre de motivation', 'Motivation letter'],
  professional_project: ['Projet professionnel', 'Professional project'],
};
const piece = (code: string, l: Language) => PIECES[code]?.[l === 'fr' ? 0 : 1] ?? code;
const about = (t: TemplateInput) => (t.candidateName ? (t.language === 'fr' ? ` — ${t.candidateName}` : ` — ${t.candidateName}`) : '');
const slotList = (t: TemplateInput) => arr(t.data, 'slots').map((iso) => formatDateTime(Date.parse(iso), t.language));
const interviewAt = (t: TemplateInput) => {
  const ms = num(t.data, 'startsAtMs') ?? num(t.data, 'interviewAtMs');
  return ms === undefined ? undefined : formatDateTime(ms, t.language);
};
const place = (t: TemplateInput) => str(t.data, 'place');

export const TEMPLATES: Record<TemplateKind, Template> = {
  dossier_opened: {
    fr: (t) => ({ subject: 'Votre dossier de candidature est ouvert', paragraphs: ['Votre dossier de candidature à la certification est ouvert. Voici les pièces qu’il reste à nous transmettre :'], list: missingOf(t.data).map((p) => piece(p, 'fr')) }),
    en: (t) => ({ subject: 'Your application dossier is open', paragraphs: ['Your application for the certification is open. These pieces are still to be sent:'], list: missingOf(t.data).map((p) => piece(p, 'en')) }),
  },
  dossier_reminder: {
    fr: (t) => ({ subject: 'Rappel : pièces manquantes dans votre dossier', paragraphs: ['Il manque encore des pièces à votre dossier de candidature :'], list: missingOf(t.data).map((p) => piece(p, 'fr')) }),
    en: (t) => ({ subject: 'Reminder: pieces missing from your dossier', paragraphs: ['Your application dossier still lacks these pieces:'], list: missingOf(t.data).map((p) => piece(p, 'en')) }),
  },
  dossier_expired: {
    fr: () => ({ subject: 'Votre dossier de candidature a expiré', paragraphs: ['Votre dossier n’a pas été complété à temps et a expiré. Pour candidater à nouveau, contactez le service des admissions.'] }),
    en: () => ({ subject: 'Your application dossier has expired', paragraphs: ['Your dossier was not completed in time and has expired. To apply again, contact the admissions office.'] }),
  },
  staff_alert: {
    fr: (t) => ({ subject: `Action requise${about(t)}`, paragraphs: ['Un parcours demande l’intervention d’une personne.', `Motif : ${reasonOf(t.data) ?? 'non précisé'}.`] }),
    en: (t) => ({ subject: `Action needed${about(t)}`, paragraphs: ['A journey needs a person to act.', `Reason: ${reasonOf(t.data) ?? 'not given'}.`] }),
  },
  selection_review_request: {
    fr: (t) => ({ subject: `Dossier à examiner${about(t)}`, paragraphs: ['Vous êtes sollicité·e pour examiner un dossier de candidature et déclarer le candidat admissible ou non, avec un motif.'], cta: 'Examiner le dossier' }),
    en: (t) => ({ subject: `Dossier to review${about(t)}`, paragraphs: ['You are asked to review an application dossier and declare the candidate admissible or not, with a reason.'], cta: 'Review the dossier' }),
  },
  selection_review_reminder: {
    fr: (t) => ({ subject: `Rappel : dossier en attente de votre avis${about(t)}`, paragraphs: ['Nous attendons toujours votre avis sur ce dossier de candidature.'], cta: 'Examiner le dossier' }),
    en: (t) => ({ subject: `Reminder: dossier awaiting your review${about(t)}`, paragraphs: ['We are still waiting for your review of this application dossier.'], cta: 'Review the dossier' }),
  },
  selection_decision: {
    fr: (t) => admissibleOf(t.data)
      ? { subject: 'Vous êtes admissible', paragraphs: ['Le jury de sélection vous a déclaré·e admissible. Prochaine étape : l’entretien de motivation ; vous recevrez les créneaux proposés.'] }
      : { subject: 'Décision du jury de sélection', paragraphs: ['Le jury de sélection ne vous a pas déclaré·e admissible.', ...(reasonOf(t.data) ? [`Motif : ${reasonOf(t.data)}.`] : [])] },
    en: (t) => admissibleOf(t.data)
      ? { subject: 'You are admissible', paragraphs: ['The selection jury declared you admissible. Next step: the motivation interview; you will receive the offered slots.'] }
      : { subject: 'Selection jury decision', paragraphs: ['The selection jury did not declare you admissible.', ...(reasonOf(t.data) ? [`Reason: ${reasonOf(t.data)}.`] : [])] },
  },
  interview_slots_offered: {
    fr: (t) => ({ subject: 'Choisissez votre créneau d’entretien', paragraphs: ['Voici les créneaux proposés pour votre entretien de motivation :'], list: slotList(t), cta: 'Choisir un créneau' }),
    en: (t) => ({ subject: 'Choose your interview slot', paragraphs: ['These are the slots offered for your motivation interview:'], list: slotList(t), cta: 'Choose a slot' }),
  },
  interview_confirmed: {
    fr: (t) => ({ subject: 'Entretien confirmé', paragraphs: [`Votre entretien de motivation aura lieu le ${interviewAt(t) ?? '(date à confirmer)'}.`, ...(place(t) ? [`Lieu : ${place(t)}.`] : []), 'L’invitation est jointe à ce message (fichier calendrier).'] }),
    en: (t) => ({ subject: 'Interview confirmed', paragraphs: [`Your motivation interview takes place on ${interviewAt(t) ?? '(date to be confirmed)'}.`, ...(place(t) ? [`Place: ${place(t)}.`] : []), 'The invitation is attached to this message (calendar file).'] }),
  },
  interview_reminder: {
    fr: (t) => ({ subject: 'Rappel : votre entretien approche', paragraphs: [`Votre entretien a lieu le ${interviewAt(t) ?? '(date à confirmer)'}.`, ...(place(t) ? [`Lieu : ${place(t)}.`] : [])] }),
    en: (t) => ({ subject: 'Reminder: your interview is soon', paragraphs: [`Your interview takes place on ${interviewAt(t) ?? '(date to be confirmed)'}.`, ...(place(t) ? [`Place: ${place(t)}.`] : [])] }),
  },
  interview_outcome_request: {
    fr: (t) => ({ subject: `Résultat de l’entretien à saisir${about(t)}`, paragraphs: ['Merci d’indiquer le résultat de l’entretien de motivation : admis, non admis ou absent.'], cta: 'Saisir le résultat' }),
    en: (t) => ({ subject: `Interview outcome to record${about(t)}`, paragraphs: ['Please record the outcome of the motivation interview: admitted, not admitted or no-show.'], cta: 'Record the outcome' }),
  },
  admission_decision: {
    fr: (t) => ({ subject: admittedOf(t.data) ? 'Vous êtes admis·e' : 'Décision d’admission', paragraphs: [admittedOf(t.data) ? 'Félicitations : vous êtes admis·e dans la formation. Vous recevrez le calendrier des blocs de compétences.' : 'À l’issue de l’entretien, vous n’êtes pas admis·e dans la formation.'] }),
    en: (t) => ({ subject: admittedOf(t.data) ? 'You are admitted' : 'Admission decision', paragraphs: [admittedOf(t.data) ? 'Congratulations: you are admitted. You will receive the schedule of the competency blocks.' : 'After the interview, you are not admitted.'] }),
  },
  assessment_grade_request: {
    fr: (t) => ({ subject: `Note à saisir : ${(str(t.data, 'assessmentId') ?? str(t.data, 'assessmentCode')) ?? 'évaluation'}${about(t)}`, paragraphs: [`Merci de saisir la note de l’évaluation ${(str(t.data, 'assessmentId') ?? str(t.data, 'assessmentCode')) ?? ''} du bloc ${str(t.data, 'blockCode') ?? ''}.`] , cta: 'Saisir la note' }),
    en: (t) => ({ subject: `Grade to record: ${(str(t.data, 'assessmentId') ?? str(t.data, 'assessmentCode')) ?? 'assessment'}${about(t)}`, paragraphs: [`Please record the grade of assessment ${(str(t.data, 'assessmentId') ?? str(t.data, 'assessmentCode')) ?? ''} in block ${str(t.data, 'blockCode') ?? ''}.`], cta: 'Record the grade' }),
  },
  assessment_grade_reminder: {
    fr: (t) => ({ subject: `Rappel : note manquante${about(t)}`, paragraphs: [`La note de l’évaluation ${(str(t.data, 'assessmentId') ?? str(t.data, 'assessmentCode')) ?? ''} (bloc ${str(t.data, 'blockCode') ?? ''}) n’est pas encore saisie.`], cta: 'Saisir la note' }),
    en: (t) => ({ subject: `Reminder: grade missing${about(t)}`, paragraphs: [`The grade of assessment ${(str(t.data, 'assessmentId') ?? str(t.data, 'assessmentCode')) ?? ''} (block ${str(t.data, 'blockCode') ?? ''}) is still missing.`], cta: 'Record the grade' }),
  },
  block_result: {
    fr: (t) => ({ subject: `Résultat du bloc ${str(t.data, 'blockCode') ?? ''}`, paragraphs: [validatedOf(t.data) ? `Le bloc ${str(t.data, 'blockCode') ?? ''} est validé.` : `Le bloc ${str(t.data, 'blockCode') ?? ''} n’est pas validé.`, ...(num(t.data, 'retakeAtMs') !== undefined ? [`Session de rattrapage : ${formatDate(num(t.data, 'retakeAtMs')!, 'fr')}.`] : [])] }),
    en: (t) => ({ subject: `Result of block ${str(t.data, 'blockCode') ?? ''}`, paragraphs: [validatedOf(t.data) ? `Block ${str(t.data, 'blockCode') ?? ''} is validated.` : `Block ${str(t.data, 'blockCode') ?? ''} is not validated.`, ...(num(t.data, 'retakeAtMs') !== undefined ? [`Retake session: ${formatDate(num(t.data, 'retakeAtMs')!, 'en')}.`] : [])] }),
  },
  internship_declaration_request: {
    fr: (t) => ({ subject: 'Déclarez vos périodes de stage ou d’expérience', paragraphs: [`Le référentiel demande au moins ${str(t.data, 'minimumMonths') ?? '4'} mois équivalent temps plein de stage ou d’expérience professionnelle (périodes cumulables, temps partiel au prorata). Déclarez vos périodes.`], cta: 'Déclarer une période' }),
    en: (t) => ({ subject: 'Declare your internship or experience periods', paragraphs: [`At least ${str(t.data, 'minimumMonths') ?? '4'} full-time-equivalent months of internship or professional experience are required (periods add up, part-time counts pro rata). Declare your periods.`], cta: 'Declare a period' }),
  },
  internship_shortfall_warning: {
    fr: (t) => ({ subject: 'Stage : durée encore insuffisante', paragraphs: [`Vous avez déclaré ${str(t.data, 'fteMonths') ?? '0'} mois équivalent temps plein sur les ${str(t.data, 'minimumMonths') ?? '4'} requis.`] }),
    en: (t) => ({ subject: 'Internship: not long enough yet', paragraphs: [`You declared ${str(t.data, 'fteMonths') ?? '0'} full-time-equivalent months of the ${str(t.data, 'minimumMonths') ?? '4'} required.`] }),
  },
  thesis_submission_request: {
    fr: () => ({ subject: 'Déposez votre thèse professionnelle', paragraphs: ['Merci de confirmer le dépôt de votre thèse professionnelle.'], cta: 'Confirmer le dépôt' }),
    en: () => ({ subject: 'Submit your professional thesis', paragraphs: ['Please confirm the submission of your professional thesis.'], cta: 'Confirm the submission' }),
  },
  thesis_reminder: {
    fr: () => ({ subject: 'Rappel : dépôt de la thèse professionnelle', paragraphs: ['La date limite de dépôt de votre thèse professionnelle approche.'], cta: 'Confirmer le dépôt' }),
    en: () => ({ subject: 'Reminder: professional thesis submission', paragraphs: ['The submission deadline of your professional thesis is near.'], cta: 'Confirm the submission' }),
  },
  thesis_result: {
    fr: (t) => ({ subject: 'Résultat de votre thèse professionnelle', paragraphs: [validatedOf(t.data) ? 'Votre thèse professionnelle est validée.' : 'Votre thèse professionnelle n’est pas validée.', ...(str(t.data, 'grade') ? [`Note : ${str(t.data, 'grade')}/20.`] : [])] }),
    en: (t) => ({ subject: 'Result of your professional thesis', paragraphs: [validatedOf(t.data) ? 'Your professional thesis is validated.' : 'Your professional thesis is not validated.', ...(str(t.data, 'grade') ? [`Grade: ${str(t.data, 'grade')}/20.`] : [])] }),
  },
  vae_evidence_request: {
    fr: (t) => ({ subject: 'VAE : vos preuves par bloc de compétences', paragraphs: ['Pour la validation des acquis de l’expérience, transmettez vos preuves pour chaque bloc ainsi qu’un travail approfondi :'], list: itemsOf(t.data) }),
    en: (t) => ({ subject: 'VAE: your evidence per competency block', paragraphs: ['For the validation of prior experience, send your evidence for each block and one in-depth piece of work:'], list: itemsOf(t.data) }),
  },
  jury_decision_request: {
    fr: (t) => ({ subject: `Jury de certification : décision attendue${about(t)}`, paragraphs: ['En tant que membre du jury de certification, merci de consulter le dossier et d’enregistrer votre décision : attribuer, ne pas attribuer ou ajourner. Vous pourrez la modifier jusqu’à la clôture du jury.'], cta: 'Consulter et décider' }),
    en: (t) => ({ subject: `Certification jury: decision awaited${about(t)}`, paragraphs: ['As a member of the certification jury, please read the case and record your decision: award, not award or defer. You may change it until the jury closes.'], cta: 'Read and decide' }),
  },
  jury_decision_reminder: {
    fr: (t) => ({ subject: `Rappel : votre décision de jury est attendue${about(t)}`, paragraphs: ['Nous attendons toujours votre décision de membre du jury de certification.'], cta: 'Consulter et décider' }),
    en: (t) => ({ subject: `Reminder: your jury decision is awaited${about(t)}`, paragraphs: ['We are still waiting for your decision as a certification jury member.'], cta: 'Read and decide' }),
  },
  certification_outcome: {
    fr: (t) => {
      const o = str(t.data, 'outcome');
      const blocks = arr(t.data, 'deferredBlocks');
      return { subject: 'Décision du jury de certification', paragraphs: [o === 'awarded' ? 'Félicitations : le jury vous attribue la certification.' : o === 'deferred' ? 'Le jury a ajourné sa décision ; vous serez informé·e de la suite.' : 'Le jury ne vous attribue pas la certification.', ...(blocks.length ? ['Blocs ajournés :'] : [])], list: blocks };
    },
    en: (t) => {
      const o = str(t.data, 'outcome');
      const blocks = arr(t.data, 'deferredBlocks');
      return { subject: 'Certification jury decision', paragraphs: [o === 'awarded' ? 'Congratulations: the jury awards you the certification.' : o === 'deferred' ? 'The jury deferred its decision; you will be told what comes next.' : 'The jury does not award you the certification.', ...(blocks.length ? ['Deferred blocks:'] : [])], list: blocks };
    },
  },
  follow_up_survey_request: {
    fr: (t) => ({ subject: `Votre situation ${str(t.data, 'wave') ?? '6'} mois après la certification`, paragraphs: ['Quelques questions sur votre emploi nous aident à suivre l’insertion des certifiés (réponse en une minute).'], cta: 'Répondre' }),
    en: (t) => ({ subject: `Your situation ${str(t.data, 'wave') ?? '6'} months after certification`, paragraphs: ['A few questions about your job help us follow the employment of certified people (one minute).'], cta: 'Answer' }),
  },
  follow_up_survey_reminder: {
    fr: (t) => ({ subject: `Rappel : enquête à ${str(t.data, 'wave') ?? '6'} mois`, paragraphs: ['Votre réponse à l’enquête de suivi nous manque encore.'], cta: 'Répondre' }),
    en: (t) => ({ subject: `Reminder: ${str(t.data, 'wave') ?? '6'}-month survey`, paragraphs: ['Your answer to the follow-up survey is still missing.'], cta: 'Answer' }),
  },
  journey_suspended: {
    fr: () => ({ subject: 'Votre parcours est suspendu', paragraphs: ['Votre parcours est suspendu : les échéances sont mises en pause et reprendront avec le temps restant.'] }),
    en: () => ({ subject: 'Your journey is suspended', paragraphs: ['Your journey is suspended: deadlines are paused and will resume with the time that was left.'] }),
  },
  journey_resumed: {
    fr: () => ({ subject: 'Votre parcours reprend', paragraphs: ['Votre parcours reprend ; vos échéances ont été décalées d’autant.'] }),
    en: () => ({ subject: 'Your journey resumes', paragraphs: ['Your journey resumes; your deadlines moved by the time it was paused.'] }),
  },
  journey_withdrawn: {
    fr: () => ({ subject: 'Votre retrait est enregistré', paragraphs: ['Votre retrait du parcours de certification est enregistré. Vos données seront conservées puis effacées selon notre politique de confidentialité.'] }),
    en: () => ({ subject: 'Your withdrawal is recorded', paragraphs: ['Your withdrawal from the certification journey is recorded. Your data will be kept, then erased, as our privacy policy says.'] }),
  },
};
