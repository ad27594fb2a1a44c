// The FR/EN wording of everything a person reads: emails (activities/mail) and link pages
// (api/action-links), and later the candidate space and the jury queue. Codes (pieces, reasons, routes,
// stages, blocks, assessments) are turned into words here and only here; `KNOWN_CODES` lists them so a
// test can fail on any code that leaks into a person-facing text.
import { getReferential, type Referential } from '../../domain/index';
import type { NotAdmittedReason, StaffAlertReason } from '../notification-types';

export type Language = 'fr' | 'en';
export type Words = { fr: string; en: string };
export const w = (fr: string, en: string): Words => ({ fr, en });

export function asLanguage(value: string | null | undefined): Language {
  return value === 'en' ? 'en' : 'fr'; // French first: anything unknown reads French
}

// ------------------------------------------------------------------------------ codes -> words

export const SELECTION_REASONS: Record<string, Words> = {
  profile_fits: w('Profil adapté', 'Suitable profile'),
  project_clear: w('Projet professionnel clair', 'Clear professional project'),
  project_unclear: w('Projet professionnel peu clair', 'Unclear professional project'),
  insufficient_experience: w('Expérience insuffisante', 'Not enough experience'),
  insufficient_grades: w('Résultats académiques insuffisants', 'Academic results too weak'),
  other: w('Autre motif, précisé par le jury', 'Another reason, given by the jury'),
  good_fit: w('Profil adapté', 'Suitable profile'),
};

export const NOT_ADMITTED: Record<NotAdmittedReason, Words> = {
  interview_not_admitted: w('À l’issue de l’entretien de motivation, le jury ne vous a pas admis·e dans la formation.', 'After the motivation interview, the jury did not admit you to the programme.'),
  no_show: w('Vous ne vous êtes pas présenté·e à l’entretien de motivation prévu ; votre candidature ne peut donc pas aboutir.', 'You did not attend the scheduled motivation interview, so your application cannot go further.'),
  quota_full: w(
    'Votre entretien s’est bien passé, mais les places ouvertes aux admissions par dérogation sont toutes prises dans votre promotion : vous ne pouvez pas être admis·e pour l’instant.',
    'Your interview went well, but every place open to admission under a derogation is taken in your cohort: you cannot be admitted for now.',
  ),
  quota_reserve_refused: w(
    'Vous étiez admissible, en attente d’une place ouverte aux admissions par dérogation. À la date de décision de votre promotion, l’équipe des admissions n’a pas pu vous admettre : la composition de la promotion ne le permet pas.',
    'You were admissible, waiting for a place open to admission under a derogation. On your cohort’s decision date, the admissions team could not admit you: the cohort’s composition does not allow it.',
  ),
  quota_reserve_cutoff: w(
    'Vous étiez admissible, en attente d’une place ouverte aux admissions par dérogation. La date de décision de votre promotion est passée sans qu’une place se libère : votre admission ne peut pas être confirmée.',
    'You were admissible, waiting for a place open to admission under a derogation. Your cohort’s decision date has passed without a place opening: your admission cannot be confirmed.',
  ),
};

export const STAFF_ALERTS: Record<StaffAlertReason, Words> = {
  dossier_incomplete_after_last_reminder: w('Le dossier de candidature est toujours incomplet après le dernier rappel.', 'The application dossier is still incomplete after the last reminder.'),
  selection_review_overdue: w('L’avis du jury de sélection est en retard.', 'The selection review is overdue.'),
  selection_reviews_disagree: w('Les examinateurs du dossier ne sont pas d’accord : c’est au service des admissions de décider (admissible ou non, avec un motif).', 'The dossier reviewers disagree: the admissions office must decide (admissible or not, with a reason).'),
  interview_slot_not_chosen: w('Le candidat n’a pas choisi de créneau d’entretien à temps.', 'The candidate did not choose an interview slot in time.'),
  interview_outcome_overdue: w('Le résultat de l’entretien n’est pas saisi à temps.', 'The interview outcome was not recorded in time.'),
  jury_decision_overdue: w('Des membres du jury de certification n’ont pas décidé à temps.', 'Certification jury members did not decide in time.'),
  internship_short_of_minimum: w('Le stage ou l’expérience déclarée reste sous le minimum requis.', 'The declared internship or experience is still below the minimum.'),
  thesis_not_submitted: w('La thèse professionnelle n’est pas déposée à la date limite.', 'The professional thesis was not submitted by the deadline.'),
  vae_evidence_missing: w('Des preuves VAE manquent à la date limite.', 'VAE evidence is missing at the deadline.'),
  assessment_grade_overdue: w('La note d’une évaluation n’est pas saisie à temps.', 'An assessment grade was not recorded in time.'),
  recipient_missing: w('Un e-mail n’a pas pu être envoyé : son destinataire n’existe plus (personne effacée ou membre de jury supprimé).', 'An email could not be sent: its recipient no longer exists (an erased person or a deleted jury member).'),
  quota_reserve_cutoff_soon: w(
    'Ce candidat admissible attend une place ouverte aux admissions par dérogation. Décidez avant la date limite de la promotion : admission sur recours (avec une justification écrite) ou refus. Sans décision, la réserve se termine par un refus.',
    'This admissible candidate waits for a place open to admission under a derogation. Decide before the cohort’s cut-off: admission on appeal (with a written justification) or refusal. Without a decision, the reserve ends in a refusal.',
  ),
  quota_reserve_no_cutoff: w(
    'Ce candidat admissible attend une place ouverte aux admissions par dérogation, mais la promotion n’a pas de date limite de décision : fixez-la dans la fiche de la promotion.',
    'This admissible candidate waits for a place open to admission under a derogation, but the cohort has no decision cut-off date: set it on the cohort.',
  ),
};

export const STAGES: Record<string, Words> = {
  dossier: w('dossier de candidature', 'application dossier'),
  eligibility: w('recevabilité', 'eligibility'),
  selection: w('jury de sélection', 'selection jury'),
  interview: w('entretien de motivation', 'motivation interview'),
  admission: w('admission', 'admission'),
  awaiting_quota: w('admissible, en attente d’une place', 'admissible, waiting for a place'),
  training: w('formation (blocs, stage, thèse)', 'training (blocks, internship, thesis)'),
  vae_evidence: w('preuves VAE', 'VAE evidence'),
  certification_jury: w('jury de certification', 'certification jury'),
  follow_up: w('suivi des certifiés', 'follow-up of certified people'),
  closed: w('parcours terminé', 'journey ended'),
};

export const ROUTES: Record<string, Words> = {
  student: w('Étudiant·e (formation initiale)', 'Student (initial education)'),
  apprenticeship: w('Contrat d’apprentissage', 'Apprenticeship contract'),
  continuing_education: w('Formation continue', 'Continuing education'),
  professionalisation: w('Contrat de professionnalisation', 'Professionalisation contract'),
  individual: w('Candidature individuelle', 'Individual application'),
  vae: w('Validation des acquis de l’expérience (VAE)', 'Validation of prior experience (VAE)'),
};

export const ELIGIBILITY: Record<string, Words> = {
  by_right: w('Recevable de droit', 'Admissible by right'),
  derogation_a_vapp: w('Recevable par dérogation (a) : VAPP et expérience', 'Admissible under derogation (a): VAPP and experience'),
  derogation_b: w('Recevable par dérogation (b)', 'Admissible under derogation (b)'),
  not_eligible: w('Non recevable', 'Not admissible'),
};

export const DEGREES: Record<string, Words> = {
  engineering_cti: w('Diplôme d’ingénieur (CTI)', 'Engineering degree (CTI)'),
  management_master_cefdg: w('Diplôme d’école de management, grade de Master (CEFDG)', 'Management school degree, Master grade (CEFDG)'),
  university_master: w('Diplôme universitaire de 3e cycle (Master, DEA, DESS)', 'Third-cycle university degree (Master, DEA, DESS)'),
  professional_bac5: w('Diplôme professionnel Bac+5', 'Professional Bac+5 degree'),
  m1: w('Master 1 (M1) ou équivalent', 'Master 1 (M1) or equivalent'),
  l3: w('Licence (L3)', 'Bachelor (L3)'),
  rncp_level7: w('Titre RNCP de niveau 7', 'RNCP level-7 title'),
  foreign_equivalent: w('Diplôme étranger', 'Foreign degree'),
  other: w('Autre diplôme', 'Other degree'),
};

export const VAE_IN_DEPTH_WORK = w(
  'Un travail approfondi (par exemple un rapport d’étude avec préconisations avant une réorganisation, ou des études de faisabilité de projets stratégiques)',
  'An in-depth piece of work (for example a study report with recommendations before a reorganisation, or feasibility studies of strategic projects)',
);

export const referentialOf = (code?: string | null): Referential => {
  try {
    return getReferential(code ?? 'RNCP37332');
  } catch {
    return getReferential('RNCP37332');
  }
};

/** "Bloc 1 – Concevoir et définir…" : never the code alone. */
export function blockName(ref: Referential, code: string, l: Language): string {
  const i = ref.blocks.findIndex((b) => b.code === code);
  const block = ref.blocks[i];
  if (!block) return l === 'fr' ? 'un bloc de compétences' : 'a competency block';
  return `${l === 'fr' ? 'Bloc' : 'Block'} ${i + 1} – ${block.title[l]}`;
}

export function assessmentName(ref: Referential, assessmentId: string, l: Language): string {
  for (const b of ref.blocks) {
    const a = b.assessments.find((x) => x.id === assessmentId);
    if (a) return a.title[l];
  }
  return l === 'fr' ? 'une évaluation' : 'an assessment';
}

export function pieceName(ref: Referential, kind: string, l: Language): string {
  return ref.admission.pieces.find((p) => p.kind === kind)?.label[l] ?? (l === 'fr' ? 'une pièce du dossier' : 'a dossier piece');
}

export function vaeItemName(ref: Referential, item: string, l: Language): string {
  return item === 'in_depth_work' ? VAE_IN_DEPTH_WORK[l] : blockName(ref, item, l);
}

export const label = (table: Record<string, Words>, code: string | null | undefined, l: Language): string =>
  (code ? table[code]?.[l] : undefined) ?? (l === 'fr' ? 'non précisé' : 'not given');

// ------------------------------------------------------------------------------ numbers and dates

export const TIME_ZONE = 'Europe/Paris';

/** 2.0333 -> "2" (months, one decimal at most): "2,1" in French, "2.1" in English. */
export function formatNumber(value: number, l: Language, maxDecimals = 1): string {
  return new Intl.NumberFormat(l === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: maxDecimals }).format(value);
}

/** "14,5/20" in French, "14.5/20" in English. */
export const formatGrade = (grade: number, scale: number, l: Language) => `${formatNumber(grade, l, 2)}/${scale}`;

/** "lundi 1 mars 2027 à 14:00 (heure de Paris)" / "Monday 1 March 2027 at 14:00 (Paris time)". */
export function formatDateTime(ms: number, l: Language): string {
  const date = new Intl.DateTimeFormat(l === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(ms);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  return l === 'fr' ? `${date} à ${time} (heure de Paris)` : `${date} at ${time} (Paris time)`;
}

export function formatDate(ms: number, l: Language): string {
  return new Intl.DateTimeFormat(l === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }).format(ms);
}

/** An ISO calendar date ("2027-03-01") as people read it. */
export const formatIsoDate = (iso: string, l: Language) => formatDate(Date.parse(`${iso}T12:00:00Z`), l);

export const minutes = (n: number, l: Language) => (l === 'fr' ? `${n} minutes` : `${n} minutes`);

// ------------------------------------------------------------------------------ shared phrases

/** The colon as each language writes it: "Bloc\u00a0: …" in French (a non-breaking space before), "Block: …" in English. */
export const colon = (l: Language) => (l === 'fr' ? '\u00a0: ' : ': ');
/** "Label : value" / "Label: value", the one way a label meets its value in what people read. */
export const labelled = (label: string, value: string, l: Language) => `${label}${colon(l)}${value}`;

export const PHRASES = {
  hello: w('Bonjour', 'Hello'),
  dueBefore: w('À faire avant le', 'To do by'),
  linkValidUntil: w('Pour des raisons de sécurité, le lien lui-même cesse de fonctionner le', 'For security, the link itself stops working on'),
  newSpaceLink: w('Ce lien ouvre votre espace une seule fois. Pour y revenir ensuite, ou s’il a expiré, demandez un nouveau lien avec votre adresse e-mail\u00a0:', 'This link opens your space once. To come back later, or if it has expired, ask for a new link with your email address:'),
  linkIntro: w('Votre lien personnel (ne le transférez pas) :', 'Your personal link (do not forward it):'),
  reminder: w('Rappel', 'Reminder'),
  sender: w('Ce message vous est envoyé par le service des admissions de la certification, via Jalon.', 'This message is sent to you by the certification’s admissions office, through Jalon.'),
  contact: w('Une question ? Écrivez au service des admissions :', 'Any question? Write to the admissions office:'),
  // Staff emails come from the tool, for the school; staff ask their administrator, not the admissions office.
  staffSender: w('Ce message vous est envoyé par Jalon, l’outil de suivi des candidats de l’école.', 'This message is sent to you by Jalon, the school’s candidate tracking tool.'),
  staffContact: w('Une question sur Jalon ou sur votre accès ? Adressez-vous à l’administrateur de Jalon de l’école.', 'Any question about Jalon or your access? Ask the school’s Jalon administrator.'),
  personalLink: w('Ce lien vous est personnel : ne le transférez pas.', 'This link is personal: do not forward it.'),
  copyLink: w('Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :', 'If the button does not work, copy this link into your browser:'),
  // Said in the language of the version below it, so that its reader finds it at the top.
  otherVersionBelow: w('Version française ci-dessous.', 'English version below.'),
  otherVersion: w('Version française', 'English version'),
} as const;

/** The other of the two working languages: every email carries both, the recipient's first. */
export const otherLanguage = (l: Language): Language => (l === 'fr' ? 'en' : 'fr');

/** Every code a person must never read: a test fails when one appears in an email or a page. */
export function knownCodes(ref: Referential = referentialOf()): string[] {
  const codes = new Set<string>([
    ...Object.keys(SELECTION_REASONS), ...Object.keys(NOT_ADMITTED), ...Object.keys(STAFF_ALERTS), ...Object.keys(ELIGIBILITY),
    ...Object.keys(ROUTES), ...Object.keys(DEGREES), 'in_depth_work', 'partially_deferred', 'not_awarded', 'not_admissible', 'not_admitted',
    'no_admissible_degree', 'foreign_degree_not_accepted', 'foreign_equivalence_not_recognised', 'vapp_required', 'derogation_a_experience_short',
    'experience_short', 'experience_excluded', 'declared_profile_invalid', 'recommendation_letter', 'motivation_letter', 'professional_project',
    'interview_slot_choice', 'selection_review', 'assessment_grade', 'jury_decision', 'thesis_submission', 'internship_declaration', 'follow_up_survey',
    ...Object.keys(STAGES).filter((s) => s.includes('_')),
  ]);
  for (const b of ref.blocks) {
    codes.add(b.code);
    for (const a of b.assessments) codes.add(a.id);
  }
  for (const p of ref.admission.pieces) codes.add(p.kind);
  // Only what cannot be a word of a sentence: codes with an underscore, a hyphen or a digit.
  return [...codes].filter((c) => /[_\-\d]/.test(c));
}

/** The codes found in a person-facing text (case-sensitive, whole words). */
export function codesIn(text: string, codes = knownCodes()): string[] {
  return codes.filter((c) => new RegExp(`(^|[^A-Za-z0-9_-])${c.replace(/[-]/g, '\\-')}($|[^A-Za-z0-9_-])`).test(text));
}
