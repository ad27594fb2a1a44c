/**
 * The CPF declaration's deadline: every certified holder must be declared to the CDC within three months
 * of the award. Staff are reminded before it, alerted when it passes, and alerted again while the award
 * stays undeclared (a bounded number of times: after that it is on the statistics' "to declare" line).
 * Also where an award stands, from its declaration lines.
 */
import { addMonths, DAY_MS, isoDateToMs, msToIsoDate } from './calendar';

export const CPF_DECLARATION_POLICY = {
  months: 3,
  /** Reminders this many days before the deadline. */
  remindersBeforeDays: [30, 7],
  /** After the deadline: an alert at once, then every `overdueEveryDays`, `overdueAlerts` in all. */
  overdueEveryDays: 30,
  overdueAlerts: 3,
} as const;

/** The deadline: three calendar months after the award, at the same time of day (clamped to the month's end). */
export function cpfDeclarationDueMs(awardedAtMs: number): number {
  const timeOfDay = ((awardedAtMs % DAY_MS) + DAY_MS) % DAY_MS;
  return isoDateToMs(addMonths(msToIsoDate(awardedAtMs), CPF_DECLARATION_POLICY.months)) + timeOfDay;
}

/** The holder is asked for their identity by this many days before the deadline: time to build, deposit and correct a rejection. */
export const CPF_IDENTITY_MARGIN_DAYS = 30;

/** By when a holder whose identity is incomplete is asked to give it: the deadline less the margin, at the earliest the award. */
export function cpfIdentityAskedByMs(awardedAtMs: number): number {
  return Math.max(awardedAtMs, cpfDeclarationDueMs(awardedAtMs) - CPF_IDENTITY_MARGIN_DAYS * DAY_MS);
}

export interface CpfDeadlineStep {
  atMs: number;
  kind: 'reminder' | 'overdue';
}

/** When staff hear about an undeclared award, in time order: reminders, then overdue alerts. */
export function cpfDeadlinePlan(awardedAtMs: number): CpfDeadlineStep[] {
  const due = cpfDeclarationDueMs(awardedAtMs);
  const p = CPF_DECLARATION_POLICY;
  const reminders = p.remindersBeforeDays.map((d) => ({ atMs: due - d * DAY_MS, kind: 'reminder' as const })).filter((s) => s.atMs > awardedAtMs);
  const overdue = Array.from({ length: p.overdueAlerts }, (_, i) => ({ atMs: due + i * p.overdueEveryDays * DAY_MS, kind: 'overdue' as const }));
  return [...reminders, ...overdue].sort((a, b) => a.atMs - b.atMs);
}

export type CpfLineStatus = 'pending' | 'accepted' | 'rejected';
/** declared: the CDC accepted it; pending: in a flux awaiting the CDC's answer; to_declare: neither. */
export type CpfAwardStatus = 'declared' | 'pending' | 'to_declare';

/** Where an award stands from its lines in every flux: a rejected line puts it back to "to declare". */
export function cpfAwardStatus(lines: readonly { status: string }[]): CpfAwardStatus {
  if (lines.some((l) => l.status === 'accepted')) return 'declared';
  if (lines.some((l) => l.status === 'pending')) return 'pending';
  return 'to_declare';
}
