// The console says every stage, email status and awaited action the server sends in words, in French and
// in English (issue 12: `held`, `skipped` and `awaiting_quota` were shown raw).
import { describe, expect, it } from 'vitest';
import type { OutboxStatus } from '../../activities/mail/outbox';
import { JOURNEY_WORDS } from '../../console/src/words-journey';
import { JOURNEY_STAGES } from '../../workflows/messages';

// Typed as every status: a status added to the outbox without its words here fails `tsc`.
const STATUSES: Record<OutboxStatus, true> = { queued: true, sending: true, retrying: true, sent: true, failed: true, held: true, skipped: true };
const AWAITED = [
  'dossier_pieces', 'assign_selection_reviewers', 'selection_review', 'offer_interview_slots', 'interview_slot_choice', 'interview_outcome', 'quota_reserve_decision',
  'internship_periods', 'thesis_submission', 'thesis_result', 'assessment_grade', 'vae_evidence', 'vae_evidence_review', 'compose_certification_jury', 'jury_decision', 'follow_up_survey',
];

describe('console words', () => {
  for (const lang of ['fr', 'en'] as const) {
    const t = JOURNEY_WORDS[lang];
    it(`(${lang}) every journey stage, awaiting_quota included`, () => {
      for (const stage of JOURNEY_STAGES) expect(t.stages[stage], stage).toMatch(/\S/);
      expect(t.stages.awaiting_quota).toBe(lang === 'fr' ? 'En attente d’une place (quota de dérogation)' : 'Waiting for a place (derogation quota)');
    });
    it(`(${lang}) every email status, held and skipped included`, () => {
      for (const status of Object.keys(STATUSES)) expect(t.emailStatuses[status], status).toMatch(/\S/);
      // In English "queued", "sent" and "failed" are their own words; "held" and "skipped" need saying why.
      expect(t.emailStatuses.held).toMatch(lang === 'fr' ? /récapitulatif quotidien/ : /daily digest/);
      expect(t.emailStatuses.skipped).toMatch(lang === 'fr' ? /non envoyé/ : /not sent/);
    });
    it(`(${lang}) every awaited action`, () => {
      for (const what of AWAITED) expect(t.awaited[what], what).toMatch(/\S/);
    });
  }
});
