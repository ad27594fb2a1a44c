// The side of a bulk operation that touches the world: what the read model says of each candidate (for the
// dry run and the undo), and one decision sent to one journey. Decisions go through the journey's own
// update (its validators refuse what is not allowed now) with a decision id per operation and candidate.
import { cancelled, getClient } from '@temporalio/activity';
import { planUndo, type BulkJourneyFacts, type BulkParams, type ItemOutcome } from '../domain/bulk-operations';
import type { Database } from '../platform/database';
import * as journey from '../workflows/journey-client';
import type { BulkItemResult, BulkUndoResult } from '../workflows/bulk-messages';
import type { Actor } from '../workflows/messages';
import type { ActivityDeps } from './deps';
import { resendEmail } from './mail/outbox';

const journeyStatus = (status: string): 'active' | 'suspended' | 'ended' => (status.startsWith('ended') ? 'ended' : status === 'suspended' ? 'suspended' : 'active');

/** Facts per candidate id, from the read model and the outbox (two queries for the whole selection). */
export type CandidateFacts = BulkJourneyFacts & { journeyId?: string };
export async function loadBulkFacts(db: Database, candidateIds: string[]): Promise<Map<string, CandidateFacts>> {
  const views = await db.journeyView.findMany({ where: { candidateId: { in: candidateIds } }, select: { candidateId: true, journeyId: true, stage: true, status: true, awaiting: true } });
  const journeyIds = views.map((v) => v.journeyId);
  const emails = journeyIds.length
    ? await db.outboxEmail.findMany({
        where: { journeyId: { in: journeyIds }, NOT: { recipientRef: 'staff' } },
        distinct: ['journeyId'], orderBy: [{ journeyId: 'asc' }, { createdAt: 'desc' }], select: { journeyId: true, status: true },
      })
    : [];
  const lastEmail = new Map(emails.map((e) => [e.journeyId!, { status: e.status as 'queued' | 'sent' | 'failed' }]));
  const byId = new Map(views.map((v) => [v.candidateId, v]));
  return new Map(candidateIds.map((id): [string, CandidateFacts] => {
    const v = byId.get(id);
    if (!v) return [id, { journey: null }];
    return [id, {
      journeyId: v.journeyId,
      journey: { status: journeyStatus(v.status), stage: v.stage, awaiting: (v.awaiting as { what: string; dueAtMs?: number }[]) ?? [] },
      lastEmail: lastEmail.get(v.journeyId) ?? null,
    }];
  }));
}

interface ItemInput {
  operationId: string;
  params: BulkParams;
  staffId: string;
  candidateId: string;
  journeyId: string;
}

/** The person of member row `sourceMemberId` on this candidate's selection jury, registered once. */
async function selectionMemberFor(db: Database, candidateId: string, sourceMemberId: string): Promise<string | undefined> {
  const person = await db.juryMember.findUnique({ where: { id: sourceMemberId } });
  if (!person) return undefined;
  const existing = await db.juryMember.findFirst({ where: { personRef: person.personRef, replacedAt: null, jury: { candidateId, kind: 'selection' } }, select: { id: true } });
  if (existing) return existing.id;
  const jury = await db.jury.create({
    data: { candidateId, kind: 'selection', members: { create: [{ name: person.name, email: person.email, kind: person.kind, inActivity: person.inActivity, language: person.language, personRef: person.personRef }] } },
    include: { members: true },
  });
  return jury.members[0]!.id;
}

/**
 * The journey answers an update only while a worker runs it; when this worker shuts down, the call would
 * wait forever and hold the shutdown. The attempt gives up on cancellation; the next worker retries it
 * (same decision id: applied once).
 */
function untilCancelled<T>(call: Promise<T>): Promise<T> {
  call.catch(() => undefined);
  return Promise.race([call, cancelled()]);
}

export function createBulkOperationActivities({ db, mailer, config, clock }: ActivityDeps) {
  const refusedBy = async (call: () => Promise<unknown>): Promise<BulkItemResult> => {
    try {
      await untilCancelled(call());
      return { outcome: 'applied' };
    } catch (error) {
      if (error instanceof journey.JourneyRefusal) return { outcome: 'refused', code: error.reason.code };
      throw error;
    }
  };

  return {
    async applyBulkItem(i: ItemInput): Promise<BulkItemResult> {
      const client = getClient();
      const base = { decisionId: `bulk:${i.operationId}:${i.candidateId}`, actor: { kind: 'staff', staffId: i.staffId } satisfies Actor };
      const p = i.params;
      switch (p.kind) {
        case 'extend_deadline':
          return refusedBy(() => journey.extendDeadline(client, i.journeyId, { ...base, step: p.step, days: p.days }));
        case 'suspend':
          return refusedBy(() => journey.suspendJourney(client, i.journeyId, { ...base, reasonCode: p.reasonCode }));
        case 'resume':
          return refusedBy(() => journey.resumeJourney(client, i.journeyId, base));
        case 'assign_reviewer': {
          const memberId = await selectionMemberFor(db, i.candidateId, p.memberId);
          if (!memberId) return { outcome: 'refused', code: 'unknown_person' };
          return refusedBy(() => journey.assignSelectionReviewers(client, i.journeyId, { ...base, memberIds: [memberId] }));
        }
        case 'resend_last_email': {
          // At most one resend per item: a retry after the send finds the marker and stops there.
          const dedupKey = base.decisionId;
          if (await db.auditEvent.findUnique({ where: { dedupKey } })) return { outcome: 'applied' };
          const last = await db.outboxEmail.findFirst({ where: { journeyId: i.journeyId, NOT: { recipientRef: 'staff' } }, orderBy: { createdAt: 'desc' }, select: { id: true, status: true } });
          if (!last) return { outcome: 'refused', code: 'no_email' };
          if (last.status === 'queued' || last.status === 'sending' || last.status === 'retrying') return { outcome: 'refused', code: 'email_queued' };
          await resendEmail({ db, mailer, config, clock }, last.id, `staff:${i.staffId}`);
          await db.auditEvent.create({ data: { journeyId: i.journeyId, candidateId: i.candidateId, actor: `staff:${i.staffId}`, action: 'bulk.email_resent', after: { operationId: i.operationId, outboxId: last.id }, dedupKey } }).catch(() => undefined);
          return { outcome: 'applied' };
        }
      }
    },

    async undoBulkItem(i: ItemInput & { outcome: ItemOutcome; doneAtMs: number }): Promise<BulkUndoResult> {
      const facts = (await loadBulkFacts(db, [i.candidateId])).get(i.candidateId)!;
      const plan = planUndo(i.params.kind, i.outcome, facts, i.doneAtMs, clock().getTime());
      if (plan.verdict === 'cannot') return { undo: 'cannot', code: plan.code };
      const client = getClient();
      const base = { decisionId: `bulk:${i.operationId}:${i.candidateId}:undo`, actor: { kind: 'staff', staffId: i.staffId } satisfies Actor };
      const p = i.params;
      const r = await refusedBy(() => {
        if (plan.by === 'resume') return journey.resumeJourney(client, i.journeyId, base);
        if (plan.by === 'suspend') return journey.suspendJourney(client, i.journeyId, { ...base, reasonCode: 'bulk_undo' });
        if (p.kind !== 'extend_deadline') throw new Error(`no extension to revert in a ${p.kind} operation`);
        return journey.revertDeadlineExtension(client, i.journeyId, { ...base, revertsDecisionId: `bulk:${i.operationId}:${i.candidateId}`, step: p.step, days: p.days });
      });
      return r.outcome === 'applied' ? { undo: 'undone' } : { undo: 'cannot', code: r.code };
    },
  };
}
