// The retention policy of personal data (GDPR art. 5(1)(e), CNIL): a candidate who did not obtain the
// certification (refused, not admitted, expired, withdrawn, not awarded) is erased a number of years after
// the journey's last decision (its end). Certified holders are kept: the award must be attested for life,
// and their documents are kept with it. Running journeys are never due.

/** Journey outcomes after which a person is erased once the retention period has passed. */
export const ERASABLE_OUTCOMES = ['not_awarded', 'expired', 'not_eligible', 'not_admissible', 'not_admitted', 'no_show', 'quota_full', 'withdrawn'] as const;
export type ErasableOutcome = (typeof ERASABLE_OUTCOMES)[number];

export const DEFAULT_RETENTION_YEARS = 2;

export type RetentionVerdict =
  | { kind: 'running' }
  | { kind: 'kept'; because: 'certified' | 'unknown_outcome' }
  | { kind: 'not_yet'; dueAtMs: number }
  | { kind: 'due'; dueAtMs: number };

/** The same calendar day and time, `years` later (29 February becomes 1 March). */
export function addYearsMs(atMs: number, years: number): number {
  const d = new Date(atMs);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

/** The outcome of a journey status as the read model writes it ("ended:<outcome>"), if it ended. */
export function endedOutcome(status: string): string | undefined {
  return status.startsWith('ended:') ? status.slice('ended:'.length) : status === 'ended' ? '' : undefined;
}

export function retentionVerdict(journeyStatus: string, lastDecisionAtMs: number, nowMs: number, years: number): RetentionVerdict {
  const outcome = endedOutcome(journeyStatus);
  if (outcome === undefined) return { kind: 'running' };
  if (outcome === 'certified' || outcome === 'blocks_awarded') return { kind: 'kept', because: 'certified' };
  if (!(ERASABLE_OUTCOMES as readonly string[]).includes(outcome)) return { kind: 'kept', because: 'unknown_outcome' };
  const dueAtMs = addYearsMs(lastDecisionAtMs, years);
  return dueAtMs <= nowMs ? { kind: 'due', dueAtMs } : { kind: 'not_yet', dueAtMs };
}

/** Journeys whose last decision is on or before this instant may be due (a database pre-filter). */
export function retentionCutoffMs(nowMs: number, years: number): number {
  return addYearsMs(nowMs, -years);
}
