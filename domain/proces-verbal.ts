/**
 * The certification jury's procès-verbal (minutes): what it records, built from the jury's closed record.
 * Pure: the loader (activities/proces-verbal/record.ts) reads the rows, the renderer writes the PDF; this
 * module decides what the minutes say (which blocks are awarded, the vote, the decision) so both
 * languages and every regeneration say the same thing.
 */
import type { BlockCode, IsoDate, JuryMemberKind } from './types';
import type { Referential } from './schemas/referential';

export type JuryVote = 'award' | 'not_award' | 'defer';
export type JuryOutcome = 'awarded' | 'partially_deferred' | 'deferred' | 'not_awarded';
/** Where a block stands in the minutes: awarded by this jury, not awarded (failed before it, or refused), or deferred by it. */
export type PvBlockStatus = 'awarded' | 'not_awarded' | 'deferred';

export interface PvMember {
  memberId: string;
  name: string;
  kind: JuryMemberKind;
  inActivity: boolean;
}

export interface PvVote {
  memberId: string;
  decision: JuryVote;
  /** The member's comment with their decision: a reservation, in the minutes. */
  comment?: string;
}

export interface PvCandidate {
  name: string;
  /** The blocks the candidate enrolled for (all of the certification's when enrolled for the title). */
  enrolledBlocks: BlockCode[];
  /** Blocks the training or the VAE review validated before the jury. */
  validatedBefore: BlockCode[];
  /** Blocks the jury deferred (a later sitting decides them). */
  deferredBlocks: BlockCode[];
  outcome: JuryOutcome;
  votes: PvVote[];
}

export interface ProcesVerbalRecord {
  juryId: string;
  referentialCode: string;
  /** The sitting's date (the day the jury was convened for). */
  sittingOn: IsoDate;
  /** When the jury closed: the document's date, fixed, so the same record gives the same file. */
  closedAtMs: number;
  members: PvMember[];
  candidates: PvCandidate[];
}

export interface PvBlockLine {
  code: BlockCode;
  status: PvBlockStatus;
}

/**
 * The blocks as the minutes list them, in the referential's order: a block is awarded when it was
 * validated before the jury, the jury did not defer it, and the jury's outcome awards something.
 */
export function pvBlocks(c: PvCandidate, ref: Referential): PvBlockLine[] {
  const enrolled = ref.blocks.map((b) => b.code).filter((code) => c.enrolledBlocks.includes(code));
  const awards = c.outcome === 'awarded' || c.outcome === 'partially_deferred';
  return enrolled.map((code) => ({
    code,
    status: c.deferredBlocks.includes(code) || (!awards && c.outcome === 'deferred')
      ? 'deferred'
      : awards && c.validatedBefore.includes(code) ? 'awarded' : 'not_awarded',
  }));
}

/** What the candidate obtains: the whole title (every block of the certification awarded), some blocks, or nothing. */
export function pvAward(c: PvCandidate, ref: Referential): 'title' | 'blocks' | 'none' {
  const awarded = pvBlocks(c, ref).filter((b) => b.status === 'awarded').map((b) => b.code);
  if (awarded.length === 0) return 'none';
  return ref.blocks.every((b) => awarded.includes(b.code)) ? 'title' : 'blocks';
}

export interface VoteTally {
  award: number;
  not_award: number;
  defer: number;
  /** Members who did not vote (none on a closed jury whose every member decided). */
  abstained: number;
}

export function voteTally(c: PvCandidate, members: PvMember[]): VoteTally {
  const count = (d: JuryVote) => c.votes.filter((v) => v.decision === d).length;
  return { award: count('award'), not_award: count('not_award'), defer: count('defer'), abstained: members.filter((m) => !c.votes.some((v) => v.memberId === m.memberId)).length };
}

/** The members' comments, in the members' order: the reservations the minutes record. */
export function pvReservations(c: PvCandidate, members: PvMember[]): { memberId: string; text: string }[] {
  return members.flatMap((m) => {
    const text = c.votes.find((v) => v.memberId === m.memberId)?.comment?.trim();
    return text ? [{ memberId: m.memberId, text }] : [];
  });
}

/** Why a record cannot give minutes (codes): a jury that is not closed, a vote by someone not on it. */
export function procesVerbalProblems(r: ProcesVerbalRecord): string[] {
  const problems: string[] = [];
  if (r.members.length === 0) problems.push('no_members');
  if (r.candidates.length === 0) problems.push('no_candidate');
  for (const c of r.candidates) {
    if (c.votes.some((v) => !r.members.some((m) => m.memberId === v.memberId))) problems.push('vote_by_non_member');
    if (c.votes.length === 0) problems.push('no_vote');
  }
  return problems;
}
