import { describe, expect, it } from 'vitest';
import { assessCompletion, registrationValidOn, rncp37332 } from '../../domain';
import type { CompletionInput } from '../../domain';
import { passingResults } from './helpers';

const fourMonths = [{ start: '2026-02-01', end: '2026-05-31' }];
const fourMonthsMinusOneDay = [{ start: '2026-02-01', end: '2026-05-30' }];
const validatedThesis = { status: 'defended' as const, grade: 14 };

/** A student who has done everything; each test takes one thing away. */
function complete(overrides: Partial<CompletionInput> = {}): CompletionInput {
  return {
    route: 'student',
    enrolment: { kind: 'full' },
    assessmentResults: passingResults(rncp37332),
    internshipPeriods: fourMonths,
    thesis: validatedThesis,
    ...overrides,
  };
}
const assess = (input: CompletionInput) => assessCompletion(input, rncp37332);
const codes = (r: { missing: { code: string }[] }) => r.missing.map((m) => m.code);
const vaeEvidence = { BC01: 'validated', BC02: 'validated', BC03: 'validated', BC04: 'validated' } as const;

describe('completion, non-VAE routes', () => {
  it('sends to the jury a student with all blocks, 4 months of internship and a validated thesis', () => {
    const r = assess(complete());
    expect(r).toMatchObject({ award: 'title', requirementsMet: true, canGoToJury: true, thesis: 'validated', missing: [] });
    expect(r.blocks.map((b) => b.status)).toEqual(['validated', 'validated', 'validated', 'validated']);
  });

  it.each(['apprenticeship', 'continuing_education', 'professionalisation', 'individual'] as const)(
    'applies the same requirements to the %s route',
    (route) => {
      expect(assess(complete({ route })).canGoToJury).toBe(true);
      expect(codes(assess(complete({ route, internshipPeriods: [] })))).toEqual(['internship_short']);
    },
  );

  it('validates an assessment graded exactly at the pass mark of 10/20', () => {
    const results = passingResults(rncp37332).map((r, i) => (i === 0 ? { ...r, grade: 10 } : r));
    expect(assess(complete({ assessmentResults: results })).blocks[0]?.status).toBe('validated');
  });

  it('fails a block when one assessment is just below the pass mark, with no compensation', () => {
    const results = passingResults(rncp37332, 18).map((r) => (r.assessmentId === 'bc03-kpi-case-study' ? { ...r, grade: 9.99 } : r));
    const r = assess(complete({ assessmentResults: results }));
    expect(r.blocks.map((b) => b.status)).toEqual(['validated', 'validated', 'failed', 'validated']);
    expect(r.missing).toEqual([expect.objectContaining({ code: 'assessment_failed', block: 'BC03' })]);
    expect(r.missing[0]?.fr).toBe('BC03 : « bc03-kpi-case-study » noté 9,99/20, sous le seuil de 10.');
    expect(r.canGoToJury).toBe(false);
  });

  it('lets a resit (a later attempt) replace a failed grade, whatever the order of the records', () => {
    const others = passingResults(rncp37332).filter((r) => r.assessmentId !== 'bc02-project-simulation');
    const resit = { assessmentId: 'bc02-project-simulation', grade: 11, attempt: 2 };
    const first = { assessmentId: 'bc02-project-simulation', grade: 7, attempt: 1 };
    expect(assess(complete({ assessmentResults: [...others, first, resit] })).blocks[1]?.status).toBe('validated');
    expect(assess(complete({ assessmentResults: [...others, resit, first] })).blocks[1]?.status).toBe('validated');
    expect(assess(complete({ assessmentResults: [...others, first] })).blocks[1]?.status).toBe('failed');
  });

  it('keeps a block in progress while an assessment is not graded', () => {
    const results = passingResults(rncp37332).filter((r) => r.assessmentId !== 'bc04-monitoring-plan');
    const r = assess(complete({ assessmentResults: results }));
    expect(r.blocks[3]?.status).toBe('in_progress');
    expect(r.missing).toEqual([expect.objectContaining({ code: 'assessment_pending', block: 'BC04' })]);
  });

  it('holds back a candidate whose internship is 4 months minus one day, saying how much is missing', () => {
    const r = assess(complete({ internshipPeriods: fourMonthsMinusOneDay }));
    expect(r.canGoToJury).toBe(false);
    expect(codes(r)).toEqual(['internship_short']);
    expect(r.missing[0]?.fr).toContain('il manque 1 jour(s) ETP');
    expect(r.internship).toMatchObject({ met: false, remainingFteDays: 1 });
  });

  it('requires the thesis to be defended and validated, not just submitted', () => {
    expect(codes(assess(complete({ thesis: { status: 'not_submitted' } })))).toEqual(['thesis_pending']);
    expect(codes(assess(complete({ thesis: { status: 'submitted' } })))).toEqual(['thesis_pending']);
    expect(codes(assess(complete({ thesis: { status: 'defended' } })))).toEqual(['thesis_pending']);
    const failed = assess(complete({ thesis: { status: 'defended', grade: 9.5 } }));
    expect(failed.thesis).toBe('failed');
    expect(failed.missing[0]?.fr).toBe('Thèse professionnelle soutenue mais non validée (9,5/20).');
  });

  it('lists every missing requirement at once', () => {
    const r = assess(complete({ assessmentResults: [], internshipPeriods: [], thesis: { status: 'submitted' } }));
    expect(r.blocks.every((b) => b.status === 'in_progress')).toBe(true);
    expect(codes(r).filter((c) => c === 'assessment_pending')).toHaveLength(15);
    expect(codes(r).slice(-2)).toEqual(['internship_short', 'thesis_pending']);
  });
});

describe('completion, VAE route', () => {
  const vae = (v: CompletionInput['vae'], more: Partial<CompletionInput> = {}): CompletionInput => ({
    route: 'vae',
    enrolment: { kind: 'full' },
    vae: v,
    ...more,
  });

  it('sends to the jury a VAE candidate with evidence for every block and a validated in-depth work, without internship or thesis', () => {
    const r = assess(vae({ evidence: vaeEvidence, inDepthWork: 'validated' }));
    expect(r).toMatchObject({ canGoToJury: true, internship: null, thesis: 'not_required', inDepthWork: 'validated', award: 'title' });
    expect(r.blocks.map((b) => b.evidence)).toEqual(['validated', 'validated', 'validated', 'validated']);
  });

  it('requires evidence for every block', () => {
    const r = assess(vae({ evidence: { ...vaeEvidence, BC03: 'submitted' }, inDepthWork: 'validated' }));
    expect(r.blocks[2]?.status).toBe('in_progress');
    expect(r.missing).toEqual([expect.objectContaining({ code: 'vae_evidence_missing', block: 'BC03' })]);
    expect(r.missing[0]?.fr).toBe('BC03 : éléments de preuve en cours d’examen.');
  });

  it('fails a block whose evidence is rejected', () => {
    const r = assess(vae({ evidence: { ...vaeEvidence, BC01: 'rejected' }, inDepthWork: 'validated' }));
    expect(r.blocks[0]?.status).toBe('failed');
    expect(codes(r)).toEqual(['vae_evidence_rejected']);
  });

  it('requires the in-depth piece of work', () => {
    expect(codes(assess(vae({ evidence: vaeEvidence, inDepthWork: 'submitted' })))).toEqual(['in_depth_work_missing']);
    expect(codes(assess(vae({ evidence: vaeEvidence, inDepthWork: 'rejected' })))).toEqual(['in_depth_work_rejected']);
  });

  it('judges evidence, not grades, whereas the same record on a non-VAE route needs grades, internship and thesis', () => {
    const record = { vae: { evidence: vaeEvidence, inDepthWork: 'validated' as const } };
    expect(assess({ route: 'vae', enrolment: { kind: 'full' }, ...record }).canGoToJury).toBe(true);
    const student = assess({ route: 'student', enrolment: { kind: 'full' }, ...record });
    expect(student.canGoToJury).toBe(false);
    expect(codes(student)).toContain('internship_short');
    expect(codes(student)).toContain('thesis_pending');
  });
});

describe('completion, block-only enrolment', () => {
  it('requires only the enrolled block: no internship, no thesis, and the jury awards the block, not the title', () => {
    const r = assess({
      route: 'continuing_education',
      enrolment: { kind: 'blocks', blocks: ['BC02'] },
      assessmentResults: passingResults(rncp37332, 12, ['BC02']),
    });
    expect(r).toMatchObject({ award: 'blocks', canGoToJury: true, internship: null, thesis: 'not_required', missing: [] });
    expect(r.blocks.map((b) => b.status)).toEqual(['not_enrolled', 'validated', 'not_enrolled', 'not_enrolled']);
  });

  it('still requires every assessment of the enrolled blocks', () => {
    const r = assess({
      route: 'individual',
      enrolment: { kind: 'blocks', blocks: ['BC01', 'BC04'] },
      assessmentResults: passingResults(rncp37332, 12, ['BC01']),
    });
    expect(r.canGoToJury).toBe(false);
    expect(new Set(r.missing.map((m) => m.block))).toEqual(new Set(['BC04']));
  });

  it('in VAE, requires evidence for the enrolled blocks only, without the in-depth work', () => {
    const r = assess({ route: 'vae', enrolment: { kind: 'blocks', blocks: ['BC03'] }, vae: { evidence: { BC03: 'validated' } } });
    expect(r).toMatchObject({ canGoToJury: true, inDepthWork: 'not_required', award: 'blocks' });
  });

  it('refuses an unknown block', () => {
    expect(() => assess({ route: 'student', enrolment: { kind: 'blocks', blocks: ['BC05'] } })).toThrow(/Unknown block "BC05"/);
  });
});

describe('registration validity on the jury date', () => {
  it('is valid up to and including 17 February 2028', () => {
    expect(registrationValidOn(rncp37332, '2028-02-17')).toBe(true);
    expect(registrationValidOn(rncp37332, '2028-02-18')).toBe(false);
  });

  it('lets a complete candidate go to a jury held on the last day of registration', () => {
    expect(assess(complete({ juryDate: '2028-02-17' }))).toMatchObject({ registrationValidOnJuryDate: true, canGoToJury: true });
  });

  it('holds back a complete candidate from a jury held the day after the registration ends', () => {
    const r = assess(complete({ juryDate: '2028-02-18' }));
    expect(r).toMatchObject({ requirementsMet: true, registrationValidOnJuryDate: false, canGoToJury: false });
    expect(codes(r)).toEqual(['registration_not_valid']);
  });

  it('leaves the question open when no jury date is given', () => {
    expect(assess(complete()).registrationValidOnJuryDate).toBeNull();
  });
});
