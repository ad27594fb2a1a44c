/**
 * Completion: from the recorded results, which requirements are met and which are missing, and
 * whether the candidate can go to the certification jury.
 *
 * Full enrolment, non-VAE routes: every block validated, internship of at least N FTE months,
 * professional thesis defended and validated. Full enrolment, VAE: evidence validated for every block
 * and, if required, an in-depth piece of work validated; no internship, no thesis.
 * Block-only enrolment (allowed when the referential says blocks are autonomous): only the enrolled
 * blocks are required, on any route, with no internship, thesis or in-depth work; the jury may then
 * award those blocks, not the title (`award: 'blocks'`).
 *
 * A block is validated when each of its assessments has a grade at or above its pass mark (no
 * compensation between assessments); it is failed when one latest grade is below; otherwise in
 * progress. A resit is recorded as a higher `attempt` and replaces the earlier grade.
 */
import type { BlockCode, BlockStatus, IsoDate, Reason, Route } from './types';
import type { Assessment, Referential } from './schemas/referential';
import { summariseInternship } from './internship';
import type { InternshipSummary } from './internship';
import { dayNumber } from './calendar';
import { enNumber, frNumber } from './format';
import type { CompletionFacts, ReviewStatus } from './schemas/completion';

export type { CompletionFacts, CompletionInput, ReviewStatus } from './schemas/completion';

export type RequirementStatus = 'validated' | 'failed' | 'in_progress' | 'not_required';

export interface AssessmentProgress {
  id: string;
  grade: number | null;
  passMark: number;
  passed: boolean | null;
}

export interface BlockProgress {
  code: BlockCode;
  status: BlockStatus;
  /** Non-VAE routes: per-assessment grades. */
  assessments: AssessmentProgress[];
  /** VAE route: status of the evidence for this block. */
  evidence?: ReviewStatus;
}

export interface MissingRequirement extends Reason {
  block?: BlockCode;
}

export interface CompletionResult {
  route: Route;
  /** What the certification jury can award once requirements are met. */
  award: 'title' | 'blocks';
  blocks: BlockProgress[];
  internship: InternshipSummary | null;
  thesis: RequirementStatus;
  inDepthWork: RequirementStatus;
  missing: MissingRequirement[];
  requirementsMet: boolean;
  /** null when no jury date was given. */
  registrationValidOnJuryDate: boolean | null;
  canGoToJury: boolean;
}

/** Whether the certification may be awarded on `date` (registration window, both ends included). */
export function registrationValidOn(ref: Referential, date: IsoDate): boolean {
  const d = dayNumber(date);
  const { startDate, endDate } = ref.registration;
  return (startDate === undefined || d >= dayNumber(startDate)) && d <= dayNumber(endDate);
}

function passMark(a: Assessment, ref: Referential): number {
  return a.passMark ?? ref.grading.passMark;
}

function reviewToRequirement(s: ReviewStatus): RequirementStatus {
  return s === 'validated' ? 'validated' : s === 'rejected' ? 'failed' : 'in_progress';
}

/** Completion from validated facts (defaults filled in); `assessCompletion` in schemas/completion.ts validates raw input first. */
export function completionOf(input: CompletionFacts, ref: Referential): CompletionResult {
  if (!ref.routes.includes(input.route)) {
    throw new RangeError(`Route "${input.route}" is not offered by ${ref.code}`);
  }
  const known = new Set(ref.blocks.map((b) => b.code));
  let enrolled: Set<BlockCode>;
  if (input.enrolment.kind === 'blocks') {
    if (!ref.blockOnlyEnrolment) throw new RangeError(`${ref.code} does not allow block-only enrolment`);
    for (const code of input.enrolment.blocks) {
      if (!known.has(code)) throw new RangeError(`Unknown block "${code}" for ${ref.code}`);
    }
    enrolled = new Set(input.enrolment.blocks);
  } else {
    enrolled = known;
  }
  const isVae = input.route === 'vae';
  const fullTitle = input.enrolment.kind === 'full';

  // Latest attempt per assessment.
  const assessmentIds = new Set(ref.blocks.flatMap((b) => b.assessments.map((a) => a.id)));
  const latest = new Map<string, { grade: number; attempt: number }>();
  for (const r of input.assessmentResults) {
    if (!assessmentIds.has(r.assessmentId)) throw new RangeError(`Unknown assessment "${r.assessmentId}" for ${ref.code}`);
    const prev = latest.get(r.assessmentId);
    if (!prev || r.attempt >= prev.attempt) latest.set(r.assessmentId, { grade: r.grade, attempt: r.attempt });
  }

  const missing: MissingRequirement[] = [];
  const blocks: BlockProgress[] = ref.blocks.map((block) => {
    const assessments = block.assessments.map((a) => {
      const grade = latest.get(a.id)?.grade ?? null;
      const pm = passMark(a, ref);
      return { id: a.id, grade, passMark: pm, passed: grade === null ? null : grade >= pm };
    });
    if (!enrolled.has(block.code)) return { code: block.code, status: 'not_enrolled', assessments };

    if (isVae) {
      const evidence = input.vae?.evidence[block.code] ?? 'missing';
      const status = reviewToRequirement(evidence) as BlockStatus;
      if (status !== 'validated') {
        missing.push({
          code: evidence === 'rejected' ? 'vae_evidence_rejected' : 'vae_evidence_missing',
          block: block.code,
          fr: `${block.code} : éléments de preuve ${evidence === 'rejected' ? 'non retenus' : evidence === 'submitted' ? 'en cours d’examen' : 'à fournir'}.`,
          en: `${block.code}: evidence ${evidence === 'rejected' ? 'rejected' : evidence === 'submitted' ? 'under review' : 'to be provided'}.`,
        });
      }
      return { code: block.code, status, assessments, evidence };
    }

    const failed = assessments.filter((a) => a.passed === false);
    const pending = assessments.filter((a) => a.passed === null);
    const status: BlockStatus = failed.length > 0 ? 'failed' : pending.length > 0 ? 'in_progress' : 'validated';
    for (const a of failed) {
      missing.push({
        code: 'assessment_failed',
        block: block.code,
        fr: `${block.code} : « ${a.id} » noté ${frNumber(a.grade as number)}/${ref.grading.scale}, sous le seuil de ${frNumber(a.passMark)}.`,
        en: `${block.code}: "${a.id}" graded ${enNumber(a.grade as number)}/${ref.grading.scale}, below the pass mark of ${enNumber(a.passMark)}.`,
      });
    }
    for (const a of pending) {
      missing.push({
        code: 'assessment_pending',
        block: block.code,
        fr: `${block.code} : « ${a.id} » pas encore noté.`,
        en: `${block.code}: "${a.id}" not graded yet.`,
      });
    }
    return { code: block.code, status, assessments };
  });

  let internship: InternshipSummary | null = null;
  let thesis: RequirementStatus = 'not_required';
  let inDepthWork: RequirementStatus = 'not_required';

  if (fullTitle && !isVae) {
    const months = ref.completion.nonVae.internshipMinFteMonths;
    if (months !== null) {
      internship = summariseInternship(input.internshipPeriods, ref, months);
      if (!internship.met) {
        missing.push({
          code: 'internship_short',
          fr: `Stage ou expérience professionnelle : ${frNumber(internship.fteMonths)} mois ETP sur ${frNumber(months)} requis ; il manque ${frNumber(internship.remainingFteDays)} jour(s) ETP.`,
          en: `Internship or professional experience: ${enNumber(internship.fteMonths)} FTE months of ${enNumber(months)} required; ${enNumber(internship.remainingFteDays)} FTE day(s) missing.`,
        });
      }
    }
    if (ref.completion.nonVae.thesisRequired) {
      const t = input.thesis;
      const pm = ref.grading.passMark;
      thesis =
        t.status === 'defended' && t.grade !== undefined ? (t.grade >= pm ? 'validated' : 'failed') : 'in_progress';
      if (thesis !== 'validated') {
        const state =
          thesis === 'failed'
            ? { fr: `soutenue mais non validée (${frNumber(t.grade as number)}/${ref.grading.scale})`, en: `defended but not validated (${enNumber(t.grade as number)}/${ref.grading.scale})` }
            : t.status === 'defended'
              ? { fr: 'soutenue, note en attente', en: 'defended, grade pending' }
              : t.status === 'submitted'
                ? { fr: 'déposée, soutenance à venir', en: 'submitted, defence to come' }
                : { fr: 'non déposée', en: 'not submitted' };
        missing.push({
          code: thesis === 'failed' ? 'thesis_failed' : 'thesis_pending',
          fr: `Thèse professionnelle ${state.fr}.`,
          en: `Professional thesis ${state.en}.`,
        });
      }
    }
  }

  if (fullTitle && isVae && ref.completion.vae.inDepthWorkRequired) {
    const s = input.vae?.inDepthWork ?? 'missing';
    inDepthWork = reviewToRequirement(s);
    if (inDepthWork !== 'validated') {
      missing.push({
        code: s === 'rejected' ? 'in_depth_work_rejected' : 'in_depth_work_missing',
        fr: `Travail approfondi ${s === 'rejected' ? 'non retenu' : s === 'submitted' ? 'en cours d’examen' : 'à fournir'}.`,
        en: `In-depth piece of work ${s === 'rejected' ? 'rejected' : s === 'submitted' ? 'under review' : 'to be provided'}.`,
      });
    }
  }

  let registrationValidOnJuryDate: boolean | null = null;
  if (input.juryDate !== undefined) {
    registrationValidOnJuryDate = registrationValidOn(ref, input.juryDate);
    if (!registrationValidOnJuryDate) {
      missing.push({
        code: 'registration_not_valid',
        fr: `L’enregistrement de ${ref.code} au RNCP n’est pas valide le ${input.juryDate} (échéance ${ref.registration.endDate}) : la certification ne peut pas être délivrée à cette date.`,
        en: `${ref.code}'s RNCP registration is not valid on ${input.juryDate} (ends ${ref.registration.endDate}): the certification cannot be awarded then.`,
      });
    }
  }

  const requirementsMet = missing.every((m) => m.code === 'registration_not_valid');
  return {
    route: input.route,
    award: fullTitle ? 'title' : 'blocks',
    blocks,
    internship,
    thesis,
    inDepthWork,
    missing,
    requirementsMet,
    registrationValidOnJuryDate,
    canGoToJury: requirementsMet && registrationValidOnJuryDate !== false,
  };
}
