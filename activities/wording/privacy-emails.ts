// Emails of personal data rights: the candidate's export link, and the retention report to staff.
import type { TemplateDataOf } from '../notification-types';
import { formatDateTime, w, type Words } from './catalogue';
import type { EmailContent, EmailContext } from './emails';

/** How a journey ended, as staff read it in the retention report. */
export const ENDED_OUTCOME_WORDS: Record<string, Words> = {
  not_awarded: w('certification non attribuée', 'certification not awarded'),
  expired: w('dossier expiré', 'dossier expired'),
  not_eligible: w('non recevable', 'not eligible'),
  not_admissible: w('non admissible', 'not admissible'),
  not_admitted: w('non admis·e', 'not admitted'),
  no_show: w('absent·e à l’entretien', 'did not attend the interview'),
  quota_full: w('quota de la promotion atteint', 'cohort quota full'),
  withdrawn: w('retrait', 'withdrawal'),
};

export function personalDataExport(d: TemplateDataOf<'personal_data_export'>, c: EmailContext): EmailContent {
  const t = (x: Words) => x[c.language];
  return {
    subject: t(w('Vos données personnelles : votre export est prêt', 'Your personal data: your export is ready')),
    paragraphs: [t(w(
      'Vous avez demandé, depuis votre espace candidat, une copie de toutes les données que nous conservons à votre sujet. Elle est prête : une archive avec vos informations, vos décisions, l’historique de votre parcours, les e-mails que nous vous avons envoyés et vos documents.',
      'From your candidate space, you asked for a copy of all the data we keep about you. It is ready: an archive with your details, your decisions, the history of your journey, the emails we sent you and your documents.',
    ))],
    facts: [[t(w('Lien valable jusqu’au', 'Link valid until')), formatDateTime(d.expiresAtMs, c.language)]],
    next: [t(w(
      'Le lien ne sert qu’une fois : enregistrez l’archive. Si vous n’avez rien demandé, écrivez-nous et ne suivez pas le lien.',
      'The link works once: save the archive. If you did not ask for it, write to us and do not follow the link.',
    ))],
    cta: t(w('Télécharger mes données', 'Download my data')),
  };
}

export function retentionReport(d: TemplateDataOf<'retention_report'>, c: EmailContext): EmailContent {
  const t = (x: Words) => x[c.language];
  const mode = d.dryRun
    ? w('Essai à blanc : personne ne sera effacé ; voici qui le serait.', 'Dry run: nobody will be erased; here is who would be.')
    : w('Les personnes ci-dessous vont être effacées maintenant.', 'The people below are about to be erased now.');
  return {
    subject: d.dryRun
      ? t(w(`Conservation des données : ${d.due.length} personne(s) à effacer (essai à blanc)`, `Data retention: ${d.due.length} person(s) to erase (dry run)`))
      : t(w(`Conservation des données : ${d.due.length} personne(s) effacée(s) aujourd’hui`, `Data retention: ${d.due.length} person(s) erased today`)),
    paragraphs: [
      t(w(
        `La politique de conservation efface les candidat·es sans certification ${d.years} an(s) après la dernière décision de leur parcours. Les titulaires de la certification sont conservés.`,
        `The retention policy erases candidates without the certification ${d.years} year(s) after their journey's last decision. Holders of the certification are kept.`,
      )),
      ...(d.due.length > 0 ? [t(mode)] : []),
    ],
    list: d.due.map((p) => `${t(w('Candidat·e', 'Candidate'))} ${p.candidateId} – ${t(w('promotion', 'cohort'))} ${p.cohortCode} – ${t(ENDED_OUTCOME_WORDS[p.outcome] ?? w('parcours terminé', 'journey ended'))} – ${t(w('dernière décision le', 'last decision on'))} ${formatDateTime(p.lastDecisionAtMs, c.language)}`),
    facts: [
      [t(w('Décisions antérieures au', 'Decisions before')), formatDateTime(d.cutoffAtMs, c.language)],
      [t(w('Rapport conservé', 'Report kept')), d.reportId],
    ],
    next: [t(d.due.length === 0
      ? w('Personne n’est concerné aujourd’hui : rien à faire.', 'Nobody is concerned today: nothing to do.')
      : w('Pour garder une personne (contentieux, demande en cours), suspendez la politique (RETENTION_DRY_RUN=true) avant la prochaine exécution et écrivez au délégué à la protection des données.', 'To keep someone (litigation, a pending request), suspend the policy (RETENTION_DRY_RUN=true) before the next run and write to the data protection officer.'))],
  };
}
