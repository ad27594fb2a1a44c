// A transition and what goes with it (the domain rows of the decision, the emails it sends) as one step:
// one `commitTransition` activity, one database transaction. Runs recorded before (no marker at their
// start) replay the separate activities in the order they were written: the step keeps that order, so a
// stage reads the same either way.
import { ApplicationFailure, patched } from '@temporalio/workflow';
import type { TransitionRecord } from '../activities/journey-writes';
import type { DomainWrite } from '../activities/transition-commit';
import type { NotifyInput, TemplateKind } from '../activities/notification-types';
import type * as m from './messages';
import { journeyActivities as acts, type EmailExtra, type Mailer } from './support';

/** Whoever takes steps: a journey (with transitions) or a block (its writes and emails only). */
export interface StepOwner {
  readonly mail: Mailer;
  /** `oneTransaction()` asked once, as the run started: a run recorded before the patch keeps the separate activities to its end. */
  readonly inOneTransaction: boolean;
  recordOf?(action: string, actor: m.Actor, detail?: m.JourneyEvent['detail']): TransitionRecord;
  transition?(action: string, actor: m.Actor, detail?: m.JourneyEvent['detail']): Promise<void>;
}

/** The patch that marks a step written in one transaction (docs/upgrading.md). */
export const ONE_TRANSACTION_PATCH = 'one-transaction-per-transition';

/**
 * Whether this run writes its steps in one transaction: asked once, when the run starts (false for a run
 * recorded before the patch). Not in update handlers, where a replay must not depend on when it is asked.
 */
export const oneTransaction = (): boolean => patched(ONE_TRANSACTION_PATCH);

type Op =
  | { kind: 'write'; write: DomainWrite }
  | { kind: 'email'; request: NotifyInput }
  | { kind: 'state'; change: () => void }
  | { kind: 'transition'; action: string; actor: m.Actor; detail?: m.JourneyEvent['detail'] };

export class TransitionStep {
  private readonly ops: Op[] = [];
  constructor(private readonly j: StepOwner) {}

  /** A domain row the decision writes (a thesis grade, a jury vote…). */
  write(write: DomainWrite): this {
    this.ops.push({ kind: 'write', write });
    return this;
  }

  email<K extends TemplateKind>(purpose: string, template: K, to: NotifyInput['to'], ...extra: EmailExtra<K>): this {
    this.ops.push({ kind: 'email', request: this.j.mail.request(purpose, template, to, ...extra) });
    return this;
  }

  /**
   * A change of the stage's state that must follow the writes before it (a vote counts once its row is
   * written: the jury's deliberation reads the rows). Run after the commit; before the patch, where it was.
   */
  onceWritten(change: () => void): this {
    this.ops.push({ kind: 'state', change });
    return this;
  }

  /** The journey's transition (at most one per step): audit event, read model, search attributes. */
  transition(action: string, actor: m.Actor, detail?: m.JourneyEvent['detail']): this {
    this.ops.push({ kind: 'transition', action, actor, detail });
    return this;
  }

  async commit(): Promise<void> {
    if (!this.j.inOneTransaction) {
      for (const op of this.ops) await this.replayed(op);
      return;
    }
    const writes: DomainWrite[] = [];
    const emails: NotifyInput[] = [];
    const changes: (() => void)[] = [];
    let transition;
    for (const op of this.ops) {
      if (op.kind === 'write') writes.push(op.write);
      else if (op.kind === 'email') emails.push(op.request);
      else if (op.kind === 'state') changes.push(op.change);
      else transition = this.j.recordOf!(op.action, op.actor, op.detail);
    }
    const committed = await acts.commitTransition({ writes, emails, ...(transition ? { transition } : {}) });
    for (const change of changes) change();
    for (const [i, queued] of committed.emails.entries()) {
      // As `queueEmail` fails it alone: the owner's handler tells staff, or the decision fails with the reason.
      const failure = () => ApplicationFailure.create({ type: 'RecipientNotFound', message: (queued as { recipientMissing: string }).recipientMissing, nonRetryable: true });
      if ('recipientMissing' in queued) await this.j.mail.recipientMissing(emails[i]!.purpose, emails[i]!.to, failure());
    }
  }

  /** The activities a step ran before the patch, one by one. */
  private async replayed(op: Op): Promise<void> {
    if (op.kind === 'state') return op.change();
    if (op.kind === 'transition') return this.j.transition!(op.action, op.actor, op.detail);
    if (op.kind === 'email') return void (await this.j.mail.sendRequest(op.request));
    const run = acts[op.write.activity] as (input: DomainWrite['input']) => Promise<void>;
    await run(op.write.input);
  }
}
