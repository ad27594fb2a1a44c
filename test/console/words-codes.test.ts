// Every code the server can send to the candidate page is said in words, in French and in English: the
// timeline's events (every audit action written anywhere, every staff API change), the certification
// jury's outcomes and its members' decisions (review: "awarded", "not_award", "jury_decision" were shown raw).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventLabel } from '../../activities/wording/events';
import type { AppDeps } from '../../api/app';
import { VAE_REJECTION_REASON } from '../../api/routes/candidate-evidence';
import { staffApiRouters } from '../../api/routes/staff-api';
import { RECORD_WORDS } from '../../console/src/words-records';
import type { JuryOutcome } from '../../domain/index';
import type { RecordJuryDecision } from '../../workflows/messages';

const root = path.resolve(__dirname, '../..');
const sources = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = path.join(dir, f);
  return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
});

/** The actions written to AuditEvent: journey transitions (the codes of their first argument, not the ones it compares with) and direct writes. */
function auditedActions(): Set<string> {
  const codes = new Set<string>();
  for (const file of ['api', 'activities', 'workflows'].flatMap((d) => sources(path.join(root, d)))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\btransition\(([^,]+),/g)) for (const q of m[1]!.matchAll(/(?<!=== )'([a-z_.]+)'/g)) codes.add(q[1]!);
    for (const m of text.matchAll(/auditEvent\.(?:create|upsert)\(/g)) {
      const call = text.slice(m.index, m.index + 600);
      const literal = /action: '([a-z_.]+)'/.exec(call);
      if (literal) codes.add(literal[1]!);
    }
    for (const m of text.matchAll(/const RECORDED = '([a-z_.]+)'/g)) codes.add(m[1]!);
  }
  codes.add(VAE_REJECTION_REASON);
  return codes;
}

/** The staff API's changes, audited as `api.<operationId>` (api/openapi/registry.ts). */
function apiActions(): string[] {
  const declareOnly = { config: { taskQueue: 'unused', publicBaseUrl: '' }, readiness: {} } as unknown as AppDeps;
  return staffApiRouters(declareOnly).registry.routes.filter((r) => r.method !== 'get').map((r) => `api.${r.operationId}`);
}

// Typed as every value: a value added to the type without its words here fails `tsc`.
const OUTCOMES: Record<JuryOutcome, true> = { awarded: true, partially_deferred: true, deferred: true, not_awarded: true };
const DECISIONS: Record<RecordJuryDecision['decision'], true> = { award: true, not_award: true, defer: true };

describe('every code the candidate page can receive, in words', () => {
  const audited = auditedActions();
  it('finds the actions the review saw raw (the scan works)', () => {
    for (const code of ['jury_decision', 'candidate.signed_in', 'cpf_identity.recorded', 'vae_evidence', 'journey_ended']) expect(audited, code).toContain(code);
    expect(apiActions()).toContain('api.recordVaeEvidence');
  });
  for (const lang of ['fr', 'en'] as const) {
    it(`(${lang}) every timeline event`, () => {
      const raw = [...audited, ...apiActions()].filter((code) => eventLabel(code, lang) === code);
      expect(raw).toEqual([]);
    });
    it(`(${lang}) every jury outcome and member decision`, () => {
      const t = RECORD_WORDS[lang];
      for (const o of Object.keys(OUTCOMES)) expect(t.juryOutcomes[o], o).toMatch(/\S/);
      for (const d of Object.keys(DECISIONS)) expect(t.decisionWords[d], d).toMatch(/\S/);
    });
  }
});
