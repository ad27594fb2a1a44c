import { describe, expect, it } from 'vitest';
import {
  DEADLINE_STEPS,
  ReferentialValidationError,
  getReferential,
  findReferential,
  parseReferential,
  rncp37332,
  rncp37332Data,
  referentials,
  validateReferentials,
} from '../../domain';
import { clone } from './helpers';

function validationError(data: unknown): ReferentialValidationError {
  try {
    parseReferential(data);
  } catch (e) {
    if (e instanceof ReferentialValidationError) return e;
    throw e;
  }
  throw new Error('expected the referential to be rejected');
}

describe('the referentials as workflows read them (plain data, no zod)', () => {
  it('pass their schema, and parsing changes nothing in them', () => {
    expect(parseReferential(rncp37332Data)).toEqual(rncp37332Data);
    expect(() => validateReferentials()).not.toThrow();
  });

  it('refuse a data file that counts on a schema default, naming the path', () => {
    const data = clone(rncp37332Data) as { admission: { byRight: { experience?: string }[] } };
    delete data.admission.byRight[1]!.experience;
    expect(() => validateReferentials([data as typeof rncp37332])).toThrow(/admission\.byRight\[1\]\.experience: the schema fills in/);
  });

  it('refuse a data file that is invalid', () => {
    expect(() => validateReferentials([{ ...rncp37332Data, level: 9 }])).toThrow(ReferentialValidationError);
  });
});

describe('the RNCP37332 referential', () => {
  it('carries the identity of the official record', () => {
    expect(rncp37332.code).toBe('RNCP37332');
    expect(rncp37332.title.fr).toBe('Manager Marketing, Data et Commerce Electronique (MS)');
    expect(rncp37332.level).toBe(7);
    expect(rncp37332.certifier.name).toBe('SKEMA BUSINESS SCHOOL');
    expect(rncp37332.registration.endDate).toBe('2028-02-17');
    expect(rncp37332.nsfCodes.map((c) => c.code)).toEqual(['312', '320p']);
    expect(rncp37332.romeCodes.map((c) => c.code)).toEqual(['M1707', 'M1706', 'M1704', 'E1101', 'E1402']);
  });

  it('has the four blocks BC01 to BC04 with their competencies from the record', () => {
    expect(rncp37332.blocks.map((b) => b.code)).toEqual(['BC01', 'BC02', 'BC03', 'BC04']);
    expect(rncp37332.blocks.map((b) => b.competencies.length)).toEqual([8, 11, 6, 8]);
    expect(rncp37332.blocks[0]?.title.fr).toBe('Concevoir et définir la stratégie commerciale digitale');
    expect(rncp37332.blocks[3]?.title.fr).toBe(
      'Valoriser l’ensemble des données client et webmarketing pour en faire un levier de création de valeur',
    );
  });

  it('describes each assessment as individual or collective, with or without a defence, and its length', () => {
    const all = rncp37332.blocks.flatMap((b) => b.assessments);
    expect(all).toHaveLength(15);
    const audit = all.find((a) => a.id === 'bc01-audit-file');
    expect(audit).toMatchObject({ mode: 'individual', defence: 'none', expectedLength: { pages: 20, approximate: false } });
    const brief = all.find((a) => a.id === 'bc01-strategic-brief');
    expect(brief?.expectedLength).toMatchObject({ pages: 10, approximate: true, timeAllowed: 'P1W' });
    const simulation = all.find((a) => a.id === 'bc02-project-simulation');
    expect(simulation).toMatchObject({ mode: 'collective', individualMark: true, defence: 'collective' });
    const oral = all.find((a) => a.id === 'bc03-oral-case-presentation');
    expect(oral).toMatchObject({ mode: 'individual', defence: 'individual' });
  });

  it('states the completion requirements per route, the admission pieces and the jury rule', () => {
    expect(rncp37332.completion.nonVae).toEqual({ internshipMinFteMonths: 4, thesisRequired: true });
    expect(rncp37332.completion.vae.inDepthWorkRequired).toBe(true);
    expect(rncp37332.blockOnlyEnrolment).toBe(true);
    expect(rncp37332.admission.pieces.map((p) => p.kind)).toEqual([
      'cv',
      'transcripts',
      'recommendation_letter',
      'motivation_letter',
      'professional_project',
    ]);
    expect(rncp37332.jury.certification).toEqual({
      schoolMembers: 1,
      externalProfessionals: 2,
      externalsMustBeInActivity: true,
      excludeCandidateTrainersAndAssessors: true,
    });
    expect(rncp37332.routes).toHaveLength(6);
  });

  it('configures a deadline, reminders and an escalation for every step of the journey', () => {
    expect(Object.keys(rncp37332.deadlines).sort()).toEqual([...DEADLINE_STEPS].sort());
  });

  it('is found in the registry by its code, and an unknown code is refused by name', () => {
    expect(getReferential('RNCP37332')).toBe(rncp37332);
    expect(findReferential('RNCP00000')).toBeUndefined();
    expect(() => getReferential('RNCP00000')).toThrow(/Unknown certification "RNCP00000"/);
    expect([...referentials.keys()]).toEqual(['RNCP37332']);
  });
});

describe('a malformed referential', () => {
  it('is refused when a block has no competency, naming the block path', () => {
    const data = clone(rncp37332Data) as { blocks: { competencies: string[] }[] };
    data.blocks[1]!.competencies = [];
    const err = validationError(data);
    expect(err.message).toContain('Invalid referential RNCP37332');
    expect(err.message).toContain('blocks[1].competencies: a block needs at least one competency');
  });

  it('is refused when a block code is malformed or repeated', () => {
    const data = clone(rncp37332Data) as { blocks: { code: string }[] };
    data.blocks[0]!.code = 'B1';
    data.blocks[3]!.code = 'BC03';
    const err = validationError(data);
    expect(err.issues).toContainEqual({ path: 'blocks[0].code', message: 'must be a block code such as "BC01"' });
    expect(err.issues).toContainEqual({ path: 'blocks[3].code', message: 'duplicate block code "BC03"' });
  });

  it('is refused when an assessment is malformed', () => {
    const data = clone(rncp37332Data) as { blocks: { assessments: { mode: string }[] }[] };
    data.blocks[2]!.assessments[1]!.mode = 'solo';
    expect(validationError(data).message).toContain('blocks[2].assessments[1].mode');
  });

  it('is refused when a completion requirement is malformed', () => {
    const data = clone(rncp37332Data) as { completion: { nonVae: { internshipMinFteMonths: number } } };
    data.completion.nonVae.internshipMinFteMonths = -4;
    expect(validationError(data).message).toContain('completion.nonVae.internshipMinFteMonths');
  });

  it('is refused when a requirement is missing altogether', () => {
    const data = clone(rncp37332Data) as { completion: { vae?: unknown } };
    delete data.completion.vae;
    expect(validationError(data).message).toContain('completion.vae');
  });

  it('is refused when the registration end date is not a real calendar date', () => {
    const data = clone(rncp37332Data) as { registration: { endDate: string } };
    data.registration.endDate = '2028-02-30';
    expect(validationError(data).message).toContain('registration.endDate: must be a valid calendar date YYYY-MM-DD');
  });

  it('is refused when the registration ends before it starts', () => {
    const data = clone(rncp37332Data) as { registration: { startDate?: string; endDate: string } };
    data.registration.startDate = '2028-03-01';
    expect(validationError(data).message).toContain('registration.endDate: must be after registration.startDate');
  });

  it('is refused when a duration uses months, whose length varies', () => {
    const data = clone(rncp37332Data) as { deadlines: { dossier: { duration: string } } };
    data.deadlines.dossier.duration = 'P1M';
    expect(validationError(data).message).toContain('deadlines.dossier.duration: must be a number of days or an ISO 8601 duration');
  });

  it('is refused when a reminder would come before the step starts', () => {
    const data = clone(rncp37332Data) as { deadlines: { interviewSlotChoice: { remindersBefore: string[] } } };
    data.deadlines.interviewSlotChoice.remindersBefore = ['P8D'];
    expect(validationError(data).message).toContain('deadlines.interviewSlotChoice.remindersBefore[0]');
  });

  it('is refused when accommodations would extend a jury step', () => {
    const data = clone(rncp37332Data) as { deadlines: { juryDecision: { extendedByAccommodations: boolean } } };
    data.deadlines.juryDecision.extendedByAccommodations = true;
    expect(validationError(data).message).toContain(
      'deadlines.juryDecision.extendedByAccommodations: accommodations extend candidate steps only, not jury steps',
    );
  });

  it('is refused when a deadline step is not configured', () => {
    const data = clone(rncp37332Data) as { deadlines: Record<string, unknown> };
    delete data.deadlines.followUpSurvey;
    expect(validationError(data).message).toContain('deadlines.followUpSurvey');
  });

  it('is refused when the pass mark exceeds the scale', () => {
    const data = clone(rncp37332Data) as { grading: { passMark: number } };
    data.grading.passMark = 21;
    expect(validationError(data).message).toContain('grading.passMark: passMark must not exceed the scale');
  });

  it('lists every faulty path at once', () => {
    const data = clone(rncp37332Data) as { level: number; romeCodes: { code: string }[] };
    data.level = 9;
    data.romeCodes[0]!.code = 'M17';
    const err = validationError(data);
    expect(err.issues.map((i) => i.path)).toEqual(['level', 'romeCodes[0].code']);
  });
});
