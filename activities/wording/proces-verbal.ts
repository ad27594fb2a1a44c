// The procès-verbal's words, French (the legal language) and English (a rendering on request).
import type { JuryOutcome, JuryVote, PvBlockStatus } from '../../domain/index';
import { w, type Words } from './catalogue';

export const PV_WORDS = {
  title: w('Procès-verbal du jury de certification', 'Minutes of the certification jury'),
  englishRendering: w('', 'English rendering for information: the French minutes are the legal record.'),
  certification: w('Certification', 'Certification'),
  rncpCode: w('Code RNCP', 'RNCP code'),
  certifier: w('Certificateur', 'Certifier'),
  sittingOn: w('Date de la session', 'Session date'),
  closedAt: w('Délibération close le', 'Deliberation closed on'),
  juryRef: w('Référence du jury', 'Jury reference'),
  members: w('Composition du jury', 'Jury members'),
  quality: w('Qualité', 'Quality'),
  candidate: w('Candidat', 'Candidate'),
  blocks: w('Blocs de compétences', 'Competency blocks'),
  vote: w('Vote des membres du jury', 'The members’ votes'),
  tally: w('Décompte', 'Count'),
  decision: w('Décision du jury', 'The jury’s decision'),
  reservations: w('Réserves et observations', 'Reservations and remarks'),
  noReservation: w('Aucune réserve.', 'No reservation.'),
  impartiality: w(
    'Le jury, composé conformément au référentiel de certification, déclare qu’aucun de ses membres n’a formé ni évalué le candidat. Il décide souverainement au vu des éléments de la première instance.',
    'The jury, composed as the certification’s referential requires, declares that none of its members trained or assessed the candidate. It decides independently on the evidence from the first instance.',
  ),
  signatures: w('Signatures des membres du jury', 'Signatures of the jury members'),
  page: w('Page', 'Page'),
  fingerprint: w('Empreinte SHA-256 conservée avec le fichier par Jalon.', 'SHA-256 fingerprint kept with the file by Jalon.'),
} satisfies Record<string, Words>;

export const MEMBER_QUALITY = {
  school: w('Membre de l’établissement certificateur', 'Member of the certifying school'),
  external_professional: w('Professionnel extérieur', 'External professional'),
  inActivity: w('en activité', 'in activity'),
  notInActivity: w('hors activité', 'not in activity'),
};

export const VOTE_WORDS: Record<JuryVote, Words> = {
  award: w('Favorable à l’attribution', 'In favour of the award'),
  not_award: w('Défavorable à l’attribution', 'Against the award'),
  defer: w('Favorable à l’ajournement', 'In favour of deferral'),
};

export const BLOCK_STATUS_WORDS: Record<PvBlockStatus, Words> = {
  awarded: w('validé', 'validated'),
  not_awarded: w('non validé', 'not validated'),
  deferred: w('ajourné (décision à une prochaine session)', 'deferred (decided at a later sitting)'),
};

/** The decision in words; `award` says what an award gives (the whole title or some blocks). */
export function decisionWords(outcome: JuryOutcome, award: 'title' | 'blocks' | 'none'): Words {
  switch (outcome) {
    case 'awarded':
      return award === 'title'
        ? w('Le jury attribue la certification au candidat.', 'The jury awards the certification to the candidate.')
        : w('Le jury attribue au candidat les blocs de compétences validés ci-dessus.', 'The jury awards the candidate the competency blocks validated above.');
    case 'partially_deferred':
      return w('Le jury attribue les blocs validés ci-dessus et ajourne sa décision sur les blocs ajournés, qui seront présentés à une prochaine session.', 'The jury awards the blocks validated above and defers its decision on the deferred blocks, to be presented at a later sitting.');
    case 'deferred':
      return w('Le jury ajourne sa décision : le candidat sera présenté à une prochaine session.', 'The jury defers its decision: the candidate will be presented at a later sitting.');
    case 'not_awarded':
      return w('Le jury n’attribue pas la certification au candidat.', 'The jury does not award the certification to the candidate.');
  }
}

export const tallyWords = (t: { award: number; not_award: number; defer: number; abstained: number }): Words =>
  w(
    `${t.award} pour l’attribution, ${t.not_award} contre, ${t.defer} pour l’ajournement${t.abstained ? `, ${t.abstained} sans vote` : ''}`,
    `${t.award} for the award, ${t.not_award} against, ${t.defer} for deferral${t.abstained ? `, ${t.abstained} without a vote` : ''}`,
  );
