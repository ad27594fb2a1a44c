/**
 * Certification jury (jury d'attribution) composition. For RNCP37332: exactly one member of the school
 * and two external professionals in activity, none of whom trained or assessed the candidate
 * (the record: "personnes n'intervenant pas en tant que formateurs", for impartiality).
 * The counts and conditions come from the referential so another certification may differ.
 * Callers pass the candidate's trainers and assessors; to apply the stricter reading (no trainer of the
 * programme at all), pass every trainer of the programme.
 */
import type { Reason } from './types';
import type { Referential } from './schemas/referential';
import type { JuryMember } from './schemas/jury';

export type { JuryMember };

export interface JuryCheckResult {
  valid: boolean;
  reasons: Reason[];
}

export function checkJuryComposition(
  members: readonly JuryMember[],
  candidate: { trainerAndAssessorIds: readonly string[] },
  ref: Referential,
): JuryCheckResult {
  const rule = ref.jury.certification;
  const reasons: Reason[] = [];
  const who = (m: JuryMember) => m.name ?? m.id;

  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.id)) {
      reasons.push({
        code: 'duplicate_member',
        fr: `${who(m)} figure plusieurs fois dans le jury.`,
        en: `${who(m)} appears more than once in the jury.`,
      });
    }
    seen.add(m.id);
  }

  const school = members.filter((m) => m.kind === 'school').length;
  const externals = members.filter((m) => m.kind === 'external_professional').length;
  if (school !== rule.schoolMembers) {
    reasons.push({
      code: 'school_member_count',
      fr: `Le jury doit comprendre exactement ${rule.schoolMembers} membre(s) de l’école ; ${school} proposé(s).`,
      en: `The jury must have exactly ${rule.schoolMembers} school member(s); ${school} proposed.`,
    });
  }
  if (externals !== rule.externalProfessionals) {
    reasons.push({
      code: 'external_member_count',
      fr: `Le jury doit comprendre exactement ${rule.externalProfessionals} professionnel(s) externe(s) ; ${externals} proposé(s).`,
      en: `The jury must have exactly ${rule.externalProfessionals} external professional(s); ${externals} proposed.`,
    });
  }
  if (rule.externalsMustBeInActivity) {
    for (const m of members) {
      if (m.kind === 'external_professional' && !m.inActivity) {
        reasons.push({
          code: 'external_not_in_activity',
          fr: `${who(m)} n’est pas un professionnel en activité.`,
          en: `${who(m)} is not a professional in activity.`,
        });
      }
    }
  }
  if (rule.excludeCandidateTrainersAndAssessors) {
    const excluded = new Set(candidate.trainerAndAssessorIds);
    for (const m of members) {
      if (excluded.has(m.id)) {
        reasons.push({
          code: 'member_trained_candidate',
          fr: `${who(m)} a formé ou évalué le candidat : impartialité non garantie.`,
          en: `${who(m)} trained or assessed the candidate: impartiality not guaranteed.`,
        });
      }
    }
  }
  return { valid: reasons.length === 0, reasons };
}
