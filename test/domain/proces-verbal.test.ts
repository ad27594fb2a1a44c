// What the certification jury's minutes say, from its record: blocks, award, tally, reservations, problems.
import { describe, expect, it } from 'vitest';
import { getReferential, procesVerbalProblems, pvAward, pvBlocks, pvReservations, voteTally, type PvCandidate, type PvMember, type ProcesVerbalRecord } from '../../domain';

const ref = getReferential('RNCP37332');
const ALL = ['BC01', 'BC02', 'BC03', 'BC04'];
const members: PvMember[] = [
  { memberId: 's', name: 'S', kind: 'school', inActivity: true },
  { memberId: 'p1', name: 'P1', kind: 'external_professional', inActivity: true },
  { memberId: 'p2', name: 'P2', kind: 'external_professional', inActivity: true },
];
const candidate = (over: Partial<PvCandidate> = {}): PvCandidate => ({
  name: 'C', enrolledBlocks: ALL, validatedBefore: ALL, deferredBlocks: [], outcome: 'awarded',
  votes: [{ memberId: 's', decision: 'award' }, { memberId: 'p1', decision: 'award' }, { memberId: 'p2', decision: 'not_award', comment: '  Réserve.  ' }],
  ...over,
});

describe('pvBlocks and pvAward', () => {
  it('awards every validated block of an awarded candidate, in the referential\'s order: the title', () => {
    const c = candidate({ enrolledBlocks: ['BC04', 'BC01', 'BC02', 'BC03'] });
    expect(pvBlocks(c, ref)).toEqual(ALL.map((code) => ({ code, status: 'awarded' })));
    expect(pvAward(c, ref)).toBe('title');
  });

  it('awards only the enrolled block of a block-only candidate', () => {
    const c = candidate({ enrolledBlocks: ['BC02'], validatedBefore: ['BC02'] });
    expect(pvBlocks(c, ref)).toEqual([{ code: 'BC02', status: 'awarded' }]);
    expect(pvAward(c, ref)).toBe('blocks');
  });

  it('marks deferred blocks deferred and awards the others (partial deferral)', () => {
    const c = candidate({ outcome: 'partially_deferred', deferredBlocks: ['BC03'] });
    expect(pvBlocks(c, ref).map((b) => b.status)).toEqual(['awarded', 'awarded', 'deferred', 'awarded']);
    expect(pvAward(c, ref)).toBe('blocks');
  });

  it('defers every block when the jury defers, and awards none when it refuses', () => {
    expect(pvBlocks(candidate({ outcome: 'deferred' }), ref).every((b) => b.status === 'deferred')).toBe(true);
    expect(pvAward(candidate({ outcome: 'deferred' }), ref)).toBe('none');
    expect(pvBlocks(candidate({ outcome: 'not_awarded' }), ref).every((b) => b.status === 'not_awarded')).toBe(true);
    expect(pvAward(candidate({ outcome: 'not_awarded' }), ref)).toBe('none');
  });

  it('does not award a block that was not validated before the jury', () => {
    const c = candidate({ validatedBefore: ['BC01', 'BC02', 'BC03'] });
    expect(pvBlocks(c, ref).find((b) => b.code === 'BC04')?.status).toBe('not_awarded');
    expect(pvAward(c, ref)).toBe('blocks');
  });
});

describe('voteTally and pvReservations', () => {
  it('counts each decision and who did not vote', () => {
    expect(voteTally(candidate(), members)).toEqual({ award: 2, not_award: 1, defer: 0, abstained: 0 });
    expect(voteTally(candidate({ votes: [{ memberId: 's', decision: 'defer' }] }), members)).toEqual({ award: 0, not_award: 0, defer: 1, abstained: 2 });
  });

  it('keeps the members\' comments, trimmed, in the members\' order; blank comments are none', () => {
    const c = candidate({ votes: [{ memberId: 'p2', decision: 'award', comment: 'B' }, { memberId: 's', decision: 'award', comment: 'A' }, { memberId: 'p1', decision: 'award', comment: '   ' }] });
    expect(pvReservations(c, members)).toEqual([{ memberId: 's', text: 'A' }, { memberId: 'p2', text: 'B' }]);
    expect(pvReservations(candidate(), members)).toEqual([{ memberId: 'p2', text: 'Réserve.' }]);
  });
});

describe('procesVerbalProblems', () => {
  const record = (over: Partial<ProcesVerbalRecord> = {}): ProcesVerbalRecord => ({
    juryId: 'j', referentialCode: 'RNCP37332', sittingOn: '2027-06-30', closedAtMs: 0, members, candidates: [candidate()], ...over,
  });
  it('finds none in a complete record', () => expect(procesVerbalProblems(record())).toEqual([]));
  it('names each problem', () => {
    expect(procesVerbalProblems(record({ members: [] }))).toContain('no_members');
    expect(procesVerbalProblems(record({ candidates: [] }))).toEqual(['no_candidate']);
    expect(procesVerbalProblems(record({ candidates: [candidate({ votes: [] })] }))).toEqual(['no_vote']);
    expect(procesVerbalProblems(record({ candidates: [candidate({ votes: [{ memberId: 'x', decision: 'award' }] })] }))).toEqual(['vote_by_non_member']);
  });
});
