/**
 * Admission eligibility: from declared degrees and experience, the category under which a candidate
 * may be admitted, with the reasons spelled out for admissions staff.
 *
 * Order of preference when several categories apply: by right, then derogation (a), then (b).
 * By right is never counted against quotas. Between the derogations we prefer (a) because its only cap
 * (40 %) is never tighter than the combined cap, whereas (b) adds its own 30 % cap: placing a candidate
 * who qualifies for both under (a) keeps (b) places for candidates who can enter only through (b).
 * The other categories the candidate also qualifies for are returned so staff may decide otherwise.
 */
import type { EligibilityCategory, Reason } from './types';
import type { DegreeCondition, Referential } from './schemas/referential';
import { enNumber, frNumber, plural } from './format';
import type { DeclaredDegree, EligibilityInput, FrenchDegreeKind } from './schemas/eligibility';

export type { DeclaredDegree, EligibilityInput, FrenchDegreeKind } from './schemas/eligibility';

export interface EligibilityResult {
  category: EligibilityCategory;
  reasons: Reason[];
  /** Other categories the candidate satisfies, less favourable than `category`. */
  alsoQualifiesFor: EligibilityCategory[];
}

interface EffectiveDegree {
  kind: FrenchDegreeKind;
  foreign: boolean;
  title?: string;
}

function effectiveDegrees(input: EligibilityInput, ref: Referential, reasons: Reason[]): EffectiveDegree[] {
  const out: EffectiveDegree[] = [];
  for (const d of input.degrees) {
    if (d.kind === 'other') continue;
    if (d.kind !== 'foreign_equivalent') {
      out.push({ kind: d.kind, foreign: false, title: d.title });
      continue;
    }
    if (!ref.admission.foreignEquivalentAccepted) {
      reasons.push({
        code: 'foreign_degree_not_accepted',
        fr: 'Les diplômes étrangers ne sont pas recevables pour cette certification.',
        en: 'Foreign degrees are not accepted for this certification.',
      });
    } else if (d.equivalenceRecognised !== true) {
      reasons.push({
        code: 'foreign_equivalence_not_recognised',
        fr: `Diplôme étranger${d.title ? ` « ${d.title} »` : ''} : équivalence non reconnue à ce jour, il n’est pas pris en compte.`,
        en: `Foreign degree${d.title ? ` "${d.title}"` : ''}: equivalence not recognised yet, so it is not counted.`,
      });
    } else if (d.equivalentTo) {
      out.push({ kind: d.equivalentTo, foreign: true, title: d.title });
    }
  }
  return out;
}

function yearsFor(cond: DegreeCondition, input: EligibilityInput): number {
  return cond.experience === 'suitable'
    ? (input.experience.suitableYears ?? input.experience.qualifyingYears)
    : input.experience.qualifyingYears;
}

function matching(conds: DegreeCondition[], degrees: EffectiveDegree[], input: EligibilityInput) {
  const met: { cond: DegreeCondition; degree: EffectiveDegree }[] = [];
  const short: { cond: DegreeCondition; years: number }[] = [];
  for (const cond of conds) {
    const degree = degrees.find((d) => d.kind === cond.degree);
    if (!degree) continue;
    const years = yearsFor(cond, input);
    if (years >= cond.minExperienceYears) met.push({ cond, degree });
    else short.push({ cond, years });
  }
  return { met, short };
}

function foreignNote(d: EffectiveDegree): { fr: string; en: string } {
  return d.foreign
    ? { fr: ' (diplôme étranger reconnu équivalent)', en: ' (recognised foreign equivalent)' }
    : { fr: '', en: '' };
}

export function assessEligibility(input: EligibilityInput, ref: Referential): EligibilityResult {
  const notes: Reason[] = [];
  const degrees = effectiveDegrees(input, ref, notes);
  const qualifying: EligibilityCategory[] = [];
  const reasonsBy: Record<EligibilityCategory, Reason[]> = {
    by_right: [],
    derogation_a_vapp: [],
    derogation_b: [],
    not_eligible: [],
  };

  const byRight = matching(ref.admission.byRight, degrees, input);
  for (const { cond, degree } of byRight.met) {
    const f = foreignNote(degree);
    reasonsBy.by_right.push({
      code: 'by_right',
      fr: `Recevable de droit : ${cond.label.fr}${f.fr}.`,
      en: `Admissible by right: ${cond.label.en}${f.en}.`,
    });
  }
  if (byRight.met.length > 0) qualifying.push('by_right');

  const a = ref.admission.derogations.a;
  if (a) {
    const years = input.experience.qualifyingYears;
    const enoughExperience = years >= a.minExperienceYears;
    if (enoughExperience && (input.vappValidated || !a.requiresVapp)) {
      qualifying.push('derogation_a_vapp');
      reasonsBy.derogation_a_vapp.push({
        code: 'derogation_a_vapp',
        fr: `Recevable par dérogation (a) : procédure VAPP validée et ${frNumber(years)} ans d’expérience professionnelle (minimum ${frNumber(a.minExperienceYears)}, hors stage, césure et alternance initiale) ; limité à ${a.maxPercent} % de la promotion.`,
        en: `Admissible under derogation (a): VAPP validated and ${enNumber(years)} years of professional experience (minimum ${enNumber(a.minExperienceYears)}, excluding internships, gap years and initial work-study); capped at ${a.maxPercent}% of the cohort.`,
      });
    } else if (enoughExperience) {
      notes.push({
        code: 'vapp_required',
        fr: `${frNumber(years)} ans d’expérience professionnelle : la dérogation (a) serait possible après une procédure VAPP validée.`,
        en: `${enNumber(years)} years of professional experience: derogation (a) would be possible once a VAPP procedure is validated.`,
      });
    } else if (input.vappValidated) {
      notes.push({
        code: 'derogation_a_experience_short',
        fr: `VAPP validée mais ${frNumber(years)} ${plural(years, 'an', 'ans')} d’expérience professionnelle comptée, ${frNumber(a.minExperienceYears)} requis pour la dérogation (a).`,
        en: `VAPP validated but only ${enNumber(years)} years of counted professional experience; derogation (a) requires ${enNumber(a.minExperienceYears)}.`,
      });
    }
  }

  const b = ref.admission.derogations.b;
  const derogB = b ? matching(b.conditions, degrees, input) : { met: [], short: [] };
  if (b && derogB.met.length > 0) {
    qualifying.push('derogation_b');
    for (const { cond, degree } of derogB.met) {
      const f = foreignNote(degree);
      const toConfirm = cond.experience === 'suitable' && input.experience.suitableYears === undefined && cond.minExperienceYears > 0;
      reasonsBy.derogation_b.push({
        code: 'derogation_b',
        fr: `Recevable par dérogation (b) : ${cond.label.fr}${f.fr} ; limité à ${b.maxPercent} % de la promotion.${toConfirm ? ' Le caractère adapté de l’expérience est à confirmer par le jury de sélection.' : ''}`,
        en: `Admissible under derogation (b): ${cond.label.en}${f.en}; capped at ${b.maxPercent}% of the cohort.${toConfirm ? ' The selection jury must confirm the experience is suitable.' : ''}`,
      });
    }
  }

  const order: EligibilityCategory[] = ['by_right', 'derogation_a_vapp', 'derogation_b'];
  const category = order.find((c) => qualifying.includes(c)) ?? 'not_eligible';

  // Shortfalls explain why a more favourable category was missed (e.g. an M1 with 2 years is (b), not by right).
  const shortfalls: Reason[] = [...byRight.short, ...derogB.short].map(({ cond, years }) => ({
    code: 'experience_short',
    fr: `${cond.label.fr} : ${frNumber(years)} ${plural(years, 'an', 'ans')} d’expérience ${cond.experience === 'suitable' ? 'adaptée' : 'professionnelle'} déclarée, il en faut ${frNumber(cond.minExperienceYears)}.`,
    en: `${cond.label.en}: ${enNumber(years)} years of ${cond.experience === 'suitable' ? 'suitable' : 'professional'} experience declared, ${enNumber(cond.minExperienceYears)} required.`,
  }));

  if (category === 'by_right') {
    return { category, reasons: [...reasonsBy.by_right, ...excludedNote(input)], alsoQualifiesFor: qualifying.slice(1) };
  }
  if (category !== 'not_eligible') {
    return {
      category,
      reasons: [...reasonsBy[category], ...shortfalls, ...notes, ...excludedNote(input)],
      alsoQualifiesFor: qualifying.filter((c) => c !== category),
    };
  }
  const none: Reason[] =
    shortfalls.length > 0
      ? []
      : [
          {
            code: 'no_admissible_degree',
            fr: 'Aucun diplôme déclaré ne remplit une condition d’accès, de droit ou par dérogation.',
            en: 'No declared degree meets an admission condition, by right or by derogation.',
          },
        ];
  return { category, reasons: [...none, ...shortfalls, ...notes, ...excludedNote(input)], alsoQualifiesFor: [] };
}

function excludedNote(input: EligibilityInput): Reason[] {
  const x = input.experience.excludedYears;
  if (!x) return [];
  return [
    {
      code: 'experience_excluded',
      fr: `${frNumber(x)} ${plural(x, 'an', 'ans')} de stage, césure ou alternance initiale non ${plural(x, 'compté', 'comptés')} comme expérience professionnelle.`,
      en: `${enNumber(x)} years of internships, gap years or initial work-study not counted as professional experience.`,
    },
  ];
}
