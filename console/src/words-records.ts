// The words of the certification jury's codes the candidate page shows (its outcome, each member's
// decision, earlier steps' decisions), French first and English beside it; test/console/words-codes.test.ts
// checks none is missing.
type Words = Record<'juryOutcomes' | 'decisionWords', Record<string, string>>;

const fr: Words = {
  juryOutcomes: { awarded: 'certification attribuée', partially_deferred: 'attribuée, certains blocs ajournés', deferred: 'ajournée', not_awarded: 'non attribuée' },
  decisionWords: {
    admissible: 'admissible', not_admissible: 'non admissible', award: 'délivrance', no_award: 'refus', not_award: 'refus', defer: 'ajournement',
    admitted: 'admis·e', not_admitted: 'non admis·e',
  },
};

const en: Words = {
  juryOutcomes: { awarded: 'certification awarded', partially_deferred: 'awarded, some blocks deferred', deferred: 'deferred', not_awarded: 'not awarded' },
  decisionWords: {
    admissible: 'admissible', not_admissible: 'not admissible', award: 'award', no_award: 'no award', not_award: 'no award', defer: 'deferral',
    admitted: 'admitted', not_admitted: 'not admitted',
  },
};

export const RECORD_WORDS = { fr, en };
