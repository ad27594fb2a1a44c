// What a jury member, reviewer or assessor reads outside a single decision form: a step that closed
// without them (D6), their queue of pending decisions, the daily digest email. French and English.
import type { ActionKind } from '../notification-types';
import { assessmentName, labelled, referentialOf, w, type Language, type Words } from './catalogue';

/** Each step a person may be asked to act on, in words (the queue's and the digest's "step" column). */
export const STEP_NAMES: Record<ActionKind, Words> = {
  selection_review: w('Avis sur un dossier de candidature', 'Review of an application dossier'),
  interview_slot_choice: w('Choix d’un créneau d’entretien', 'Choice of an interview slot'),
  interview_outcome: w('Résultat d’un entretien de motivation', 'Outcome of a motivation interview'),
  assessment_grade: w('Note d’une évaluation', 'Grade of an assessment'),
  internship_declaration: w('Déclaration d’une période de stage', 'Declaration of an internship period'),
  thesis_submission: w('Dépôt de la thèse professionnelle', 'Submission of the professional thesis'),
  jury_decision: w('Décision du jury de certification', 'Certification jury decision'),
  follow_up_survey: w('Enquête de suivi', 'Follow-up survey'),
};

/** The step of a pending decision in words, with the assessment's name when it is a grade. */
export function stepWords(item: { step: ActionKind; data: Record<string, unknown>; row: { journeyId: string; subjectRef: string | null } }, l: Language): string {
  const step = STEP_NAMES[item.step][l];
  if (item.step !== 'assessment_grade') return step;
  const assessment = String(item.data.assessmentId ?? item.row.subjectRef ?? '');
  return assessment ? labelled(step, assessmentName(referentialOf(item.row.journeyId.split(':')[1]), assessment, l), l) : step;
}

/** D6: the link's step was closed before this person answered. */
export const CLOSED = {
  title: w('Cette étape est close', 'This step is closed'),
  text: w('Une décision a déjà été prise pour cette étape : ce lien ne sert plus à rien et rien n’a été enregistré de votre part.', 'A decision was already made for this step: this link is no longer needed and nothing was recorded from you.'),
  textOwn: w('Vous avez déjà donné votre réponse pour cette étape (avec un autre lien) : rien de plus n’a été enregistré.', 'You already gave your answer for this step (with another link): nothing more was recorded.'),
  decided: w('Décision', 'Decision'),
  when: w('Prise le', 'Made on'),
  by: w('Par', 'By'),
  byYou: w('vous', 'you'),
  byAnotherReviewer: w('un autre examinateur du dossier', 'another reviewer of the dossier'),
  byAnotherMember: w('un autre membre du jury', 'another jury member'),
  byStaff: w('le service des admissions', 'the admissions office'),
  byJourney: w('la fin du parcours du candidat', 'the end of the candidate’s journey'),
  journeyEnded: w('Le parcours du candidat est terminé', 'The candidate’s journey has ended'),
  slotChosen: w('Un créneau a été choisi', 'A slot was chosen'),
  thesisSubmitted: w('Thèse déposée', 'Thesis submitted'),
  reason: w('motif', 'reason'),
  juryOutcomes: {
    awarded: w('Certification attribuée', 'Certification awarded'),
    partially_deferred: w('Attribuée, certains blocs ajournés', 'Awarded, some blocks deferred'),
    not_awarded: w('Non attribuée', 'Not awarded'),
    deferred: w('Ajournée', 'Deferred'),
  } as Record<string, Words>,
  queue: w('Voir mes autres décisions en attente', 'See my other pending decisions'),
} as const;

/** The person's queue page (api/jury-queue). */
export const QUEUE = {
  title: w('Mes décisions en attente', 'My pending decisions'),
  intro: (n: number) =>
    n === 0
      ? w('Vous n’avez aucune décision en attente. Merci !', 'You have no pending decision. Thank you!')
      : w(`Vous avez ${n} décision(s) à prendre, la plus urgente en premier.`, `You have ${n} decision(s) to make, the most urgent first.`),
  caption: w('Décisions en attente, par date limite', 'Pending decisions, by deadline'),
  deadline: w('À faire avant le', 'To do by'),
  candidate: w('Candidat·e', 'Candidate'),
  step: w('Étape', 'Step'),
  action: w('Action', 'Action'),
  open: w('Décider', 'Decide'),
  openFor: (candidate: string) => w(`Décider pour ${candidate}`, `Decide for ${candidate}`),
  noDeadline: w('sans date limite', 'no deadline'),
  back: w('Retour à mes décisions en attente', 'Back to my pending decisions'),
  signOut: w('Se déconnecter', 'Sign out'),
  signedOut: w('Vous êtes déconnecté·e', 'You are signed out'),
  signedOutText: w('Pour revenir à vos décisions, utilisez le lien du dernier courriel récapitulatif reçu.', 'To come back to your decisions, use the link in the latest summary email you received.'),
  signInTitle: w('Ouvrir mes décisions en attente', 'Open my pending decisions'),
  signInText: w('Ce lien personnel ouvre la liste de vos décisions en attente sur cet appareil, pour quelques heures.', 'This personal link opens the list of your pending decisions on this device, for a few hours.'),
  signInButton: w('Ouvrir ma liste', 'Open my list'),
  linkUsed: w('Lien déjà utilisé ou expiré', 'Link already used or expired'),
  linkUsedText: w('Ce lien d’accès ne sert qu’une fois et pour quelques jours. Utilisez le lien du dernier courriel récapitulatif ; chaque décision reste possible avec son propre lien.', 'This access link works once and for a few days. Use the link in the latest summary email; each decision still works with its own link.'),
  sessionEnded: w('Session terminée', 'Session ended'),
  sessionEndedText: w('Votre session a expiré ou n’existe pas. Utilisez le lien du dernier courriel récapitulatif pour rouvrir votre liste.', 'Your session expired or does not exist. Use the link in the latest summary email to open your list again.'),
  notYours: w('Décision introuvable', 'Decision not found'),
  notYoursText: w('Cette décision n’est pas (ou plus) dans votre liste.', 'This decision is not (or no longer) in your list.'),
} as const;

/** The daily digest email (activities/mail/digest.tsx). */
export const DIGEST = {
  subject: (n: number) => w(`Jalon : ${n} décision(s) en attente`, `Jalon: ${n} pending decision(s)`),
  preview: (n: number) => w(`${n} décision(s) vous attendent.`, `${n} decision(s) are waiting for you.`),
  intro: (n: number, fresh: number) =>
    w(
      `Voici les décisions qui vous attendent (${n}, dont ${fresh} nouvelle(s) depuis le dernier récapitulatif). Chacune se prend avec son propre lien, ou toutes depuis votre liste.`,
      `Here are the decisions waiting for you (${n}, ${fresh} of them new since the last summary). Each one is made with its own link, or all of them from your list.`,
    ),
  queueButton: w('Ouvrir ma liste de décisions', 'Open my list of decisions'),
  queueLinkNote: w('Ce lien d’accès à la liste sert une fois, pendant 7 jours.', 'This access link to the list works once, for 7 days.'),
  candidate: w('Candidat·e', 'Candidate'),
  step: w('Étape', 'Step'),
  deadline: w('À faire avant le', 'To do by'),
  link: w('Décider', 'Decide'),
  isNew: w('nouveau', 'new'),
  otherVersionBelow: w('La version française suit la version anglaise.', 'The English version follows the French one.'),
  otherVersion: w('Version française', 'English version'),
  once: w('Vous recevez au plus un récapitulatif par jour, seulement quand une décision nouvelle vous attend ; les rappels avant échéance arrivent à part.', 'You receive at most one summary a day, only when a new decision is waiting for you; reminders before a deadline come separately.'),
} as const;
