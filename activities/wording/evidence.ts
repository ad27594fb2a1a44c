// What the candidate space and the decision pages say about the files a candidate hands in besides the
// dossier: VAE evidence per block (and the in-depth work), and the work of each assessment attempt.
import { w } from './catalogue';

export const EVIDENCE = {
  // candidate space: VAE evidence
  vaeTitle: w('Vos preuves VAE, bloc par bloc', 'Your VAE evidence, block by block'),
  vaeHint: w(
    'Pour chaque bloc, déposez les pièces qui montrent ses compétences dans des situations professionnelles réelles : livrables, rapports, attestations d’employeur, avec si besoin une note qui les présente. Vous pouvez déposer plusieurs fichiers par bloc ; chacun est conservé.',
    'For each block, upload the documents that show its competencies in real work situations: deliverables, reports, employer certificates, with a note presenting them if needed. You may upload several files per block; each one is kept.',
  ),
  vaeStatus: {
    // Said of "the evidence" (les preuves, feminine plural), never of the block or the work it is for.
    missing: w('rien envoyé pour l’instant', 'nothing sent yet'),
    submitted: w('preuves envoyées, en cours d’examen', 'evidence sent, under review'),
    validated: w('preuves validées par le service des admissions', 'evidence validated by the admissions office'),
    rejected: w('preuves non retenues par le service des admissions', 'evidence not accepted by the admissions office'),
  } as Record<string, { fr: string; en: string }>,
  vaeReceived: (fr: string, en: string) => w(`Votre preuve pour « ${fr} » est bien reçue.`, `Your evidence for "${en}" is received.`),
  vaeClosed: w('Vos preuves VAE ne sont plus attendues ici : rien n’a été enregistré. Écrivez au service des admissions pour les compléter.', 'Your VAE evidence is no longer taken here: nothing was recorded. Write to the admissions office to add to it.'),
  journeyUnavailable: w('Votre fichier est gardé, mais le service n’a pas pu enregistrer que cette preuve est envoyée : renvoyez-la dans quelques minutes.', 'Your file is kept, but the service could not record that this evidence is sent: send it again in a few minutes.'),
  filesSent: w('Fichiers envoyés', 'Files sent'),
  addFile: w('Ajouter un fichier', 'Add a file'),
  // candidate space: assessment work
  workTitle: w('Travaux à remettre', 'Work to hand in'),
  workHint: w('Déposez ici le travail de chaque évaluation (un fichier ; un nouvel envoi remplace le précédent pour la note, les deux sont conservés). L’évaluateur le voit sur sa page de notation.', 'Upload the work of each assessment here (one file; a new upload replaces the previous one for grading, both are kept). The assessor sees it on their grading page.'),
  firstAttempt: w('session normale', 'regular session'),
  retake: (due: string) => w(`rattrapage : à remettre avant le ${due}`, `retake: hand in before ${due}`),
  workReceived: (fr: string, en: string) => w(`Votre travail pour « ${fr} » est bien reçu.`, `Your work for "${en}" is received.`),
  workClosed: w('Cette évaluation n’attend plus de travail de votre part : rien n’a été enregistré.', 'This assessment no longer takes work from you: nothing was recorded.'),
  noWorkYet: w('Aucun travail remis pour l’instant.', 'No work handed in yet.'),
  // decision pages
  attempt: (n: number) => (n === 1 ? w('1re (session normale)', '1st (regular session)') : w(`${n}e (rattrapage)`, `${n} (retake)`)),
  workTitlePage: w('Travail à noter', 'Work to grade'),
  workNothing: w('Le candidat n’a encore rien remis en ligne pour cette tentative.', 'The candidate has not handed in anything online for this attempt yet.'),
  workLine: (file: string, when: string, size: string) => w(`${file}, remis le ${when} (${size})`, `${file}, handed in on ${when} (${size})`),
  vaeFile: (item: string) => w(`Preuve VAE – ${item}`, `VAE evidence – ${item}`),
  workFile: (assessment: string, attempt: number) => w(`Travail remis – ${assessment} (tentative ${attempt})`, `Work handed in – ${assessment} (attempt ${attempt})`),
  thesisFile: w('Thèse professionnelle', 'Professional thesis'),
};
