// Staff emails of the CPF declaration: a certified holder still to declare to the Caisse des Dépôts.
import type { TemplateDataOf } from '../notification-types';
import { formatDateTime, formatIsoDate, w } from './catalogue';
import type { EmailContent, EmailContext } from './emails';

export function cpfDeclarationDue(d: TemplateDataOf<'cpf_declaration_due'>, c: EmailContext): EmailContent {
  const t = (x: { fr: string; en: string }) => x[c.language];
  const who = c.candidateName ? ` – ${c.candidateName}` : '';
  const facts: [string, string][] = [
    [t(w('Certification attribuée le', 'Certification awarded on')), formatIsoDate(d.awardedOn, c.language)],
    [t(w('Date limite de déclaration', 'Declaration deadline')), formatDateTime(d.dueAtMs, c.language)],
    [t(w('Où en est la déclaration', 'Where the declaration stands')), t(d.declaration === 'pending'
      ? w('dans un flux déposé, en attente de l’accusé de la Caisse des Dépôts', 'in a deposited flux, awaiting the Caisse des Dépôts’ acknowledgement')
      : w('à déclarer : dans aucun flux, ou rejetée par la Caisse des Dépôts', 'to declare: in no flux, or rejected by the Caisse des Dépôts'))],
  ];
  if (c.candidateUrl) facts.push([t(w('Dossier du candidat (API)', 'Candidate record (API)')), c.candidateUrl]);
  return {
    subject: d.overdue
      ? `${t(w('Déclaration CPF en retard', 'CPF declaration overdue'))}${who}`
      : `${t(w('Rappel : déclaration CPF à faire', 'Reminder: CPF declaration to make'))}${who}`,
    reminder: !d.overdue,
    paragraphs: [
      t(d.overdue
        ? w('Ce titulaire de la certification n’est toujours pas déclaré au système d’information du CPF, et le délai de trois mois après l’attribution est dépassé. Un défaut de déclaration peut coûter l’enregistrement de la certification au RNCP.', 'This holder of the certification is still not declared to the CPF information system, and the three months after the award have passed. Failing to declare can cost the certification its RNCP registration.')
        : w('Ce titulaire de la certification n’est pas encore déclaré au système d’information du CPF. La loi demande de le déclarer dans les trois mois suivant l’attribution.', 'This holder of the certification is not yet declared to the CPF information system. The law asks for the declaration within three months of the award.')),
    ],
    facts,
    next: [t(d.declaration === 'pending'
      ? w('Enregistrez l’accusé de traitement de la Caisse des Dépôts dans Jalon (lignes acceptées ou rejetées) dès que vous l’avez.', 'Record the Caisse des Dépôts’ acknowledgement in Jalon (accepted or rejected lines) as soon as you have it.')
      : w('Complétez l’identité du titulaire si elle manque, construisez un flux avec POST /declarations/cpf, déposez-le sur le service de la Caisse des Dépôts, puis enregistrez le dépôt.', 'Complete the holder’s identity if it is missing, build a flux with POST /declarations/cpf, deposit it on the Caisse des Dépôts’ service, then record the deposit.'))],
  };
}
