// The words of the candidate page's evidence section: VAE evidence per item (status, files, validate or
// reject with a reason) and the assessment work handed in. French first, English beside it.
const fr = {
  vaeTitle: 'Preuves VAE',
  workTitle: 'Travaux d’évaluation remis',
  noWork: 'Aucun travail remis pour l’instant.',
  status: 'Statut :',
  statuses: { missing: 'pas encore déposée', submitted: 'déposée, à examiner', validated: 'validée', rejected: 'refusée' } as Record<string, string>,
  reason: 'Motif du refus :',
  files: 'Fichiers déposés :',
  noFile: 'Aucun fichier déposé.',
  sentOn: 'déposé le',
  version: (n: number) => `version ${n}`,
  attempt: (n: number) => `tentative ${n}`,
  validate: (title: string) => `Valider « ${title} »`,
  reject: (title: string) => `Refuser « ${title} »`,
  rejectReason: 'Motif du refus (obligatoire)',
  reasonRequired: 'Indiquez pourquoi la preuve est refusée.',
  validated: (title: string) => `Preuve « ${title} » validée.`,
  rejected: (title: string) => `Preuve « ${title} » refusée.`,
  download: (fileName: string) => `Télécharger ${fileName}`,
};

const en: typeof fr = {
  vaeTitle: 'VAE evidence',
  workTitle: 'Assessment work handed in',
  noWork: 'No work handed in yet.',
  status: 'Status:',
  statuses: { missing: 'not sent yet', submitted: 'sent, to review', validated: 'validated', rejected: 'rejected' },
  reason: 'Reason for rejecting:',
  files: 'Files sent:',
  noFile: 'No file sent.',
  sentOn: 'sent on',
  version: (n: number) => `version ${n}`,
  attempt: (n: number) => `attempt ${n}`,
  validate: (title: string) => `Validate “${title}”`,
  reject: (title: string) => `Reject “${title}”`,
  rejectReason: 'Reason for rejecting (required)',
  reasonRequired: 'Say why the evidence is rejected.',
  validated: (title: string) => `Evidence “${title}” validated.`,
  rejected: (title: string) => `Evidence “${title}” rejected.`,
  download: (fileName: string) => `Download ${fileName}`,
};

export const EVIDENCE_WORDS = { fr, en };
