/**
 * Derogation quotas of a cohort (promotion).
 *
 * What the percentage is taken of: the candidates admitted to the cohort (withdrawn ones excluded)
 * *after* admitting the candidate being decided. The check therefore keeps the rule true after every
 * single admission, whatever happens next; it never relies on admissions that may not come.
 *
 * Small cohorts: no special base. Early in an intake a derogation may be refused only because few
 * by-right candidates are admitted yet (one derogation out of two admitted is 50 %). Rather than
 * counting on a planned capacity that might not fill (and leave the final cohort over quota), the result
 * says how many more by-right admissions would let this one through (`byRightAdmissionsNeeded`), so staff
 * can keep the candidate on a waiting list and decide again; with a planned capacity it also says whether
 * the admission can fit within it at all.
 *
 * Limits (RNCP37332): (a) <= 40 %, (b) <= 30 %, (a)+(b) <= 40 %, or <= 60 % with (b) still <= 30 %
 * when the intake is a specific recruitment context and the school records a justification.
 * A share exactly at the limit is allowed. Comparisons are done as count * 100 <= limit * total.
 */
import type { EligibilityCategory, Reason } from './types';
import type { Referential } from './schemas/referential';
import { enNumber, frNumber } from './format';
import type { QuotaInput } from './schemas/quotas';

export type { QuotaInput };

export type CohortCounts = QuotaInput['admitted'];

export interface QuotaFigures {
  total: number;
  derogationA: number;
  derogationB: number;
  combined: number;
  /** Percentages of `total`, unrounded. */
  percent: { derogationA: number; derogationB: number; combined: number };
}

export interface QuotaResult {
  allowed: boolean;
  reasons: Reason[];
  /** The cohort as it would be after admitting the candidate. */
  after: QuotaFigures;
  /** Limits applied, in percent (null: that derogation is not offered by this certification). */
  limits: { derogationA: number | null; derogationB: number | null; combined: number };
  specificContextApplied: boolean;
  /** When refused: how many more by-right admissions would make this admission fit (null: never). */
  byRightAdmissionsNeeded: number | null;
  /** When refused and a planned capacity is given: whether the admission can fit within it. */
  fitsWithinPlannedCapacity?: boolean;
}

function figures(c: CohortCounts): QuotaFigures {
  const total = c.byRight + c.derogationA + c.derogationB;
  const combined = c.derogationA + c.derogationB;
  const pct = (n: number) => (total === 0 ? 0 : (n * 100) / total);
  return {
    total,
    derogationA: c.derogationA,
    derogationB: c.derogationB,
    combined,
    percent: { derogationA: pct(c.derogationA), derogationB: pct(c.derogationB), combined: pct(combined) },
  };
}

/** Smallest cohort size at which `n` candidates stay within `limit` percent (Infinity if impossible). */
function minTotal(n: number, limit: number | null): number {
  if (n === 0) return 0;
  if (limit === null || limit <= 0) return Infinity;
  return Math.ceil((n * 100) / limit - 1e-9);
}

export function checkDerogationQuota(input: QuotaInput, ref: Referential): QuotaResult {
  const d = ref.admission.derogations;
  const reasons: Reason[] = [];

  const context = input.specificRecruitmentContext;
  const justified = !!context && context.justification.trim().length > 0;
  const specificContextApplied = justified && d.specificContextCombinedMaxPercent !== null;
  if (context && !justified) {
    reasons.push({
      code: 'specific_context_unjustified',
      fr: `Contexte de recrutement spécifique signalé sans justification : le plafond cumulé reste à ${d.combinedMaxPercent} %.`,
      en: `Specific recruitment context flagged without a justification: the combined cap stays at ${d.combinedMaxPercent}%.`,
    });
  } else if (justified && d.specificContextCombinedMaxPercent === null) {
    reasons.push({
      code: 'specific_context_not_available',
      fr: `Cette certification ne prévoit pas de plafond relevé en contexte de recrutement spécifique : le plafond cumulé reste à ${d.combinedMaxPercent} %.`,
      en: `This certification has no raised cap for a specific recruitment context: the combined cap stays at ${d.combinedMaxPercent}%.`,
    });
  }
  const limits = {
    derogationA: d.a?.maxPercent ?? null,
    derogationB: d.b?.maxPercent ?? null,
    combined: specificContextApplied ? (d.specificContextCombinedMaxPercent as number) : d.combinedMaxPercent,
  };

  const c = input.admitted;
  const cat: EligibilityCategory = input.candidateCategory;
  const afterCounts: CohortCounts = {
    byRight: c.byRight + (cat === 'by_right' ? 1 : 0),
    derogationA: c.derogationA + (cat === 'derogation_a_vapp' ? 1 : 0),
    derogationB: c.derogationB + (cat === 'derogation_b' ? 1 : 0),
  };
  const after = figures(afterCounts);
  const base = { after, limits, specificContextApplied };

  if (cat === 'not_eligible') {
    return {
      ...base,
      allowed: false,
      byRightAdmissionsNeeded: null,
      reasons: [
        { code: 'not_eligible', fr: 'Candidat non recevable : aucune admission possible.', en: 'Candidate not eligible: cannot be admitted.' },
        ...reasons,
      ],
    };
  }
  if (cat === 'by_right') {
    return {
      ...base,
      allowed: true,
      byRightAdmissionsNeeded: 0,
      reasons: [
        {
          code: 'quota_not_applicable',
          fr: 'Admission de droit : non décomptée des quotas de dérogation.',
          en: 'Admission by right: not counted against derogation quotas.',
        },
        ...reasons,
      ],
    };
  }

  const line = (
    code: string,
    nameFr: string,
    nameEn: string,
    n: number,
    pct: number,
    limit: number,
    ok: boolean,
  ): Reason => ({
    code,
    fr: `${nameFr} : ${n} sur ${after.total} admis après cette admission, soit ${frNumber(pct)} % ${ok ? '≤' : '>'} plafond de ${limit} %.`,
    en: `${nameEn}: ${n} of ${after.total} admitted after this admission, i.e. ${enNumber(pct)}% ${ok ? '≤' : '>'} cap of ${limit}%.`,
  });

  const checks: { ok: boolean; reason: Reason }[] = [];
  const offered = cat === 'derogation_a_vapp' ? limits.derogationA : limits.derogationB;
  if (offered === null) {
    checks.push({
      ok: false,
      reason: {
        code: 'derogation_not_offered',
        fr: 'Cette certification ne prévoit pas cette dérogation.',
        en: 'This certification does not offer this derogation.',
      },
    });
  }
  if (limits.derogationA !== null) {
    const ok = after.derogationA * 100 <= limits.derogationA * after.total;
    checks.push({ ok, reason: line(ok ? 'quota_a_ok' : 'quota_a_exceeded', 'Dérogation (a) VAPP', 'Derogation (a) VAPP', after.derogationA, after.percent.derogationA, limits.derogationA, ok) });
  }
  if (limits.derogationB !== null) {
    const ok = after.derogationB * 100 <= limits.derogationB * after.total;
    checks.push({ ok, reason: line(ok ? 'quota_b_ok' : 'quota_b_exceeded', 'Dérogation (b)', 'Derogation (b)', after.derogationB, after.percent.derogationB, limits.derogationB, ok) });
  }
  {
    const ok = after.combined * 100 <= limits.combined * after.total;
    const ctx = specificContextApplied ? { fr: ' (contexte de recrutement spécifique justifié)', en: ' (justified specific recruitment context)' } : { fr: '', en: '' };
    const r = line(ok ? 'quota_combined_ok' : 'quota_combined_exceeded', `Dérogations (a)+(b)${ctx.fr}`, `Derogations (a)+(b)${ctx.en}`, after.combined, after.percent.combined, limits.combined, ok);
    checks.push({ ok, reason: r });
  }

  const allowed = checks.every((x) => x.ok);
  const failed = checks.filter((x) => !x.ok).map((x) => x.reason);
  const passed = checks.filter((x) => x.ok).map((x) => x.reason);

  if (allowed) {
    return { ...base, allowed, byRightAdmissionsNeeded: 0, reasons: [...passed, ...reasons] };
  }

  const needTotal = Math.max(
    minTotal(after.derogationA, limits.derogationA),
    minTotal(after.derogationB, limits.derogationB),
    minTotal(after.combined, limits.combined),
  );
  const byRightAdmissionsNeeded = Number.isFinite(needTotal) && offered !== null ? needTotal - after.total : null;
  // Failed checks first, then the ones that hold, so staff see the whole cohort picture.
  const result: QuotaResult = { ...base, allowed, byRightAdmissionsNeeded, reasons: [...failed, ...passed, ...reasons] };
  if (byRightAdmissionsNeeded !== null) {
    result.reasons.push({
      code: 'quota_wait_for_by_right',
      fr: `Admission possible après ${byRightAdmissionsNeeded} admission(s) de droit supplémentaire(s) (promotion de ${needTotal} admis).`,
      en: `Possible after ${byRightAdmissionsNeeded} more admission(s) by right (cohort of ${needTotal}).`,
    });
  }
  if (input.plannedCapacity !== undefined) {
    result.fitsWithinPlannedCapacity = Number.isFinite(needTotal) && offered !== null && needTotal <= input.plannedCapacity;
    if (!result.fitsWithinPlannedCapacity) {
      result.reasons.push({
        code: 'quota_exceeds_planned_capacity',
        fr: `Impossible dans la capacité prévue de ${input.plannedCapacity} places.`,
        en: `Cannot fit within the planned capacity of ${input.plannedCapacity}.`,
      });
    }
  }
  return result;
}
