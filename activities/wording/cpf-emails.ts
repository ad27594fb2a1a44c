// CPF declaration emails: to staff, a certified holder still to declare to the Caisse des Dépôts; to the holder, in the award email, the identity the declaration needs.
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

/**
 * Added to the award email when the holder's identity is incomplete: the school declares the certification
 * to the Caisse des Dépôts (it then shows in their Mon Compte Formation account), what to give, by when,
 * and the button to their space, where the form is.
 */
export function cpfIdentityRequest(c: EmailContext): Pick<EmailContent, 'next' | 'cta' | 'dueAtMs'> {
  if (c.cpfIdentityAskedByMs === undefined) return {};
  const t = (x: { fr: string; en: string }) => x[c.language];
  const by = formatDateTime(c.cpfIdentityAskedByMs, c.language);
  return {
    next: [
      t(w('Nous déclarons votre certification à la Caisse des Dépôts : elle apparaîtra ensuite dans votre compte personnel de formation (Mon Compte Formation). La loi nous donne trois mois pour le faire.',
        'We declare your certification to the Caisse des Dépôts: it will then appear in your personal training account (Mon Compte Formation). The law gives us three months to do so.')),
      t(w(`Pour cela, donnez-nous votre identité d’état civil dans votre espace candidat avant le ${by} : nom de naissance, prénoms, date de naissance, sexe et lieu de naissance (commune, ou pays si vous êtes né·e à l’étranger), exactement comme sur votre pièce d’identité.`,
        `For that, give us your civil-status identity in your candidate space before ${by}: birth name, first names, date of birth, sex and place of birth (commune, or country if you were born abroad), exactly as on your identity document.`)),
    ],
    cta: t(w('Donner mon identité dans mon espace', 'Give my identity in my space')),
    dueAtMs: c.cpfIdentityAskedByMs,
  };
}
