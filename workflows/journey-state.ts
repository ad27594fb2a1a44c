// The journey's state in one object: what the current run knows (restored from what the previous run
// carried), the transition that records each step, and the helpers every stage uses (waiting on the
// reminder ladder, alerting staff, quiescing before continue-as-new). Stage modules hold their own
// stage-local state; only identifiers and decisions cross a continue-as-new (`Carried`).
import { CancellationScope, allHandlersFinished, condition, patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { computeDeadline, getReferential, type DeadlineStep, type Referential } from '../domain/rules';
import type { TransitionRecord } from '../activities/journey-writes';
import type { Recipient, SlotFacts, StaffAlertReason } from '../activities/notification-types';
import { escalateThenWait, waitWithReminders } from './ladder';
import * as m from './messages';
import { JalonCohort, JalonNextDueAt, JalonStage, JalonStatus } from './search-attributes';
import { journeyActivities as acts, Mailer } from './support';
import { oneTransaction, TransitionStep } from './transition-step';

/** What continue-as-new carries: identifiers and decisions only. A v1 follow-up run carries a subset. */
export interface Carried {
  stage: m.JourneyStage;
  version: number;
  appliedDecisions: string[];
  events: m.JourneyEvent[];
  status?: 'active' | 'suspended';
  extensions?: [DeadlineStep, number][];
  blocks?: m.BlockSummary[];
  internshipFteMonths?: number;
  thesisGrade?: number;
  awardedOn?: string;
  award?: 'title' | 'blocks';
  wavesDone?: number;
}

export type StageEnd = { next: m.JourneyStage } | { end: m.JourneyOutcome; reasonCode?: string };

/** One handler's logic inside a stage: `validate` refuses without side effects, `apply` acts then changes state. */
export interface Decision<P> {
  validate(p: P): void;
  apply(p: P): Promise<void> | void;
}

const RECENT_EVENTS = 25;
export const LINK_VALIDITY_MS = 30 * 86_400_000;
export const system: m.Actor = { kind: 'system' };
/** A slot as people are told it (30 minutes when staff gave no duration). */
export const slotFacts = (s: m.InterviewSlot): SlotFacts => ({ slotId: s.slotId, startsAtMs: s.startsAtMs, durationMinutes: s.durationMinutes ?? 30, ...(s.place ? { place: s.place } : {}) });
const actorRef = (a: m.Actor) => (a.kind === 'staff' ? `staff:${a.staffId}` : a.kind === 'juryMember' ? `juryMember:${a.memberId}` : a.kind);

export class Journey {
  readonly ref: Referential;
  readonly policy: m.JourneyPolicy;
  readonly journeyId = workflowInfo().workflowId;
  readonly candidate: Recipient;
  readonly staff: Recipient = { kind: 'staff' };
  readonly mail: Mailer;
  readonly fullEnrolment: boolean;
  readonly blockCodes: string[];
  readonly isVae: boolean;
  readonly inOneTransaction: boolean;

  stage: m.JourneyStage;
  status: m.JourneyStatus;
  outcome?: m.JourneyOutcome;
  version: number;
  readonly applied: Set<string>;
  readonly events: m.JourneyEvent[];
  readonly awaiting = new Map<string, m.AwaitedAction>();
  readonly extensions: Map<DeadlineStep, number>;
  readonly blocks: Map<string, m.BlockSummary>;
  /** Running block children (training only): suspension and extensions are forwarded to them. */
  readonly blockWorkflowIds = new Map<string, string>();
  internshipFteMonths?: number;
  thesisGrade?: number;
  /** Set by the certification jury's award; the follow-up counts its waves. */
  award?: { awardedOn: string; award: 'title' | 'blocks' };
  wavesDone: number;
  withdrawal?: m.WithdrawJourney;
  /** Cancelled by a withdrawal: the current stage's waits and children stop. */
  readonly scope = new CancellationScope();

  constructor(
    readonly input: m.JourneyInput,
    readonly carried?: Carried,
  ) {
    this.ref = getReferential(input.referentialCode);
    this.policy = { ...m.DEFAULT_JOURNEY_POLICY, ...input.policy };
    this.candidate = { kind: 'candidate', candidateId: input.candidateId };
    this.mail = new Mailer(this.journeyId, (purpose, to) => this.alertStaff(`${purpose}:recipient-missing`, 'recipient_missing', { recipient: to.kind })());
    this.inOneTransaction = oneTransaction();
    this.fullEnrolment = !input.enrolledBlocks || input.enrolledBlocks.length === 0;
    this.blockCodes = this.fullEnrolment ? this.ref.blocks.map((b) => b.code) : input.enrolledBlocks!;
    this.isVae = input.route === 'vae';
    this.stage = carried?.stage ?? 'dossier';
    this.status = carried?.status ?? 'active';
    this.version = carried?.version ?? 0;
    this.applied = new Set(carried?.appliedDecisions ?? []);
    this.events = carried?.events ?? [];
    this.extensions = new Map(carried?.extensions ?? []);
    this.blocks = new Map((carried?.blocks ?? this.blockCodes.map((code) => ({ code, status: 'not_started' as const }))).map((b) => [b.code, b]));
    this.internshipFteMonths = carried?.internshipFteMonths;
    this.thesisGrade = carried?.thesisGrade;
    this.award = carried?.awardedOn && carried.award ? { awardedOn: carried.awardedOn, award: carried.award } : undefined;
    this.wavesDone = carried?.wavesDone ?? 0;
  }

  /** How a journey that reached the award ends: certified (whole title) or blocks awarded. */
  finalOutcome(): m.JourneyOutcome {
    return this.award?.award === 'blocks' ? 'blocks_awarded' : 'certified';
  }

  get internshipRequired(): boolean {
    return this.fullEnrolment && !this.isVae && this.ref.completion.nonVae.internshipMinFteMonths !== null;
  }
  get thesisRequired(): boolean {
    return this.fullEnrolment && !this.isVae && this.ref.completion.nonVae.thesisRequired;
  }
  readonly suspended = () => this.status === 'suspended';

  state(): m.JourneyState {
    return {
      journeyId: this.journeyId,
      referentialCode: this.input.referentialCode,
      candidateId: this.input.candidateId,
      route: this.input.route,
      stage: this.stage,
      status: this.status,
      outcome: this.outcome,
      awaiting: [...this.awaiting.values()],
      blocks: [...this.blocks.values()],
      internshipFteMonths: this.internshipRequired ? (this.internshipFteMonths ?? 0) : undefined,
      recentEvents: this.events.slice(-RECENT_EVENTS),
      version: this.version,
    };
  }

  /** What the next run needs: identifiers and decisions, the applied decision ids among them. */
  carry(next: m.JourneyStage, extra: Partial<Carried> = {}): Carried {
    return {
      stage: next,
      version: this.version,
      appliedDecisions: [...this.applied],
      events: this.events.slice(-RECENT_EVENTS),
      status: this.status === 'suspended' ? 'suspended' : 'active',
      extensions: [...this.extensions],
      blocks: [...this.blocks.values()],
      internshipFteMonths: this.internshipFteMonths,
      thesisGrade: this.thesisGrade,
      awardedOn: this.award?.awardedOn,
      award: this.award?.award,
      wavesDone: this.wavesDone,
      ...extra,
    };
  }

  await(key: string, a: m.AwaitedAction): void {
    this.awaiting.set(key, a);
  }
  done(key: string): void {
    this.awaiting.delete(key);
  }

  /** One transition: sequence number, event, read model, audit trail (idempotent per version), search attributes. */
  async transition(action: string, actor: m.Actor, detail?: m.JourneyEvent['detail']): Promise<void> {
    await acts.recordJourneyTransition(this.recordOf(action, actor, detail));
  }

  /**
   * A transition with the domain rows and emails that go with it, written in one transaction
   * (workflows/transition-step.ts): `j.step().write(…).email(…).transition(…).commit()`.
   */
  step(): TransitionStep {
    return new TransitionStep(this);
  }

  /** The transition as recorded: the next sequence number, the event kept, the search attributes upserted. */
  recordOf(action: string, actor: m.Actor, detail?: m.JourneyEvent['detail']): TransitionRecord {
    this.version += 1;
    this.events.push({ seq: this.version, atMs: Date.now(), action, actor, detail });
    if (this.events.length > RECENT_EVENTS) this.events.splice(0, this.events.length - RECENT_EVENTS);
    const { awaited, nextDueAtMs } = this.awaitedNow();
    this.upsertSearchAttributes(nextDueAtMs);
    return {
      journeyId: this.journeyId,
      candidateId: this.input.candidateId,
      cohortId: this.input.cohortId,
      route: this.input.route,
      stage: this.stage,
      status: this.status,
      outcome: this.outcome,
      awaiting: awaited,
      nextDueAtMs,
      version: this.version,
      event: { actor: actorRef(actor), action, after: detail ?? null },
    };
  }

  private awaitedNow(): { awaited: m.AwaitedAction[]; nextDueAtMs?: number } {
    const awaited = [...this.awaiting.values()];
    const due = awaited.map((a) => a.dueAtMs).filter((d): d is number => d !== undefined);
    return { awaited, nextDueAtMs: due.length ? Math.min(...due) : undefined };
  }

  /**
   * A wait planned a new deadline: the read model (overdue screen, dashboards, workload) and the search
   * attributes learn it now. Before the patch they learnt it at the journey's next step only, so a late
   * journey did not show as late. New commands: behind `patched()` for journeys already running.
   */
  private recordPlan(): Promise<void> | undefined {
    // Synchronous until patched: a journey replaying a history without the marker awaits nothing here.
    if (!patched('awaited-deadlines-recorded')) return undefined;
    const { awaited, nextDueAtMs } = this.awaitedNow();
    this.upsertSearchAttributes(nextDueAtMs);
    return acts.recordJourneyPlan({ journeyId: this.journeyId, awaiting: awaited, nextDueAtMs, version: this.version });
  }

  private upsertSearchAttributes(nextDueAtMs: number | undefined): void {
    upsertSearchAttributes([
      { key: JalonStage, value: this.stage },
      { key: JalonStatus, value: this.outcome ? `${this.status}:${this.outcome}` : this.status },
      { key: JalonCohort, value: this.input.cohortId },
      { key: JalonNextDueAt, value: nextDueAtMs === undefined ? null : new Date(nextDueAtMs) },
    ]);
  }

  /** The step's deadline as people are told it (the wait plans the same date from the same start). */
  dueOf(step: DeadlineStep, startMs: number): number {
    return computeDeadline(step, startMs, this.ref, { extraTimePercent: this.input.extraTimePercent ?? 0 }, this.extensions.get(step) ?? 0);
  }

  /** The deadline the wait under `key` planned last (extensions, suspension included), for reminders. */
  plannedDue(key: string, fallback: number): number {
    return this.awaiting.get(`${key}:0`)?.dueAtMs ?? fallback;
  }

  /**
   * The common wait: the referential's ladder from `startMs` (the start the emails' deadline was computed
   * from), reminders by `remind`; 'deadline' when it passed first.
   */
  wait(step: DeadlineStep, key: string, who: m.AwaitedFrom[], what: string, isDone: () => boolean, remind: (n: number, last: boolean) => Promise<void>, startMs: number) {
    let recordedDue: number | undefined;
    return waitWithReminders({
      step,
      ref: this.ref,
      startMs,
      extraTimePercent: this.input.extraTimePercent,
      isDone,
      extensionDays: () => this.extensions.get(step) ?? 0,
      isSuspended: this.suspended,
      onPlan: (due) => {
        who.forEach((w, i) => this.await(`${key}:${i}`, { who: w, what, dueAtMs: due }));
        if (due === recordedDue) return undefined; // the same plan, looked at again after a reminder
        recordedDue = due;
        return this.recordPlan();
      },
      onReminder: remind,
    }).finally(() => who.forEach((_w, i) => this.done(`${key}:${i}`)));
  }

  /** After a missed deadline: escalate to staff once, then wait for the answer without limit. */
  escalate(step: DeadlineStep, isDone: () => boolean, purpose: string, reason: StaffAlertReason): Promise<void> {
    return escalateThenWait({ step, ref: this.ref, isDone }, this.alertStaff(purpose, reason));
  }

  alertStaff(purpose: string, reason: StaffAlertReason, extra: { recipient?: Recipient['kind']; dueAtMs?: number } = {}): () => Promise<void> {
    return async () => {
      await this.step().email(purpose, 'staff_alert', this.staff, { data: { reason, stage: this.stage, ...extra } }).transition('staff_alerted', system, { reason }).commit();
    };
  }

  /**
   * Before continue-as-new or the end: no update handler still running and no email still being delivered.
   * A handler accepted while deliveries settle (an SMTP outage can take hours) may queue more mail: repeat
   * until both are empty, with nothing awaited in between and the continue-as-new.
   */
  async quiesce(): Promise<void> {
    do {
      await condition(allHandlersFinished);
      await this.mail.settle();
    } while (!allHandlersFinished() || this.mail.busy);
  }

  async end(outcome: m.JourneyOutcome, reasonCode?: string): Promise<{ outcome: m.JourneyOutcome; reasonCode?: string }> {
    this.outcome = outcome;
    this.status = 'ended';
    this.stage = 'closed';
    this.awaiting.clear();
    await this.transition('journey_ended', system, { outcome, reasonCode: reasonCode ?? null });
    await this.quiesce();
    return { outcome, reasonCode };
  }
}
