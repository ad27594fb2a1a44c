// The overdue list in words a person can act on: for each late journey, the candidate, each action past
// its deadline, who is awaited (named), since when, the step an extension would move, and the email a
// one-click reminder would send again (the last one that person received on this journey).
import { z } from 'zod';
import { BULK_EXTENSION_STEPS } from '../../domain/index';
import type { Database } from '../../platform/database';

const STEP_OF_AWAITED = new Map(Object.entries(BULK_EXTENSION_STEPS).map(([step, what]) => [what as string, step]));

export const overdueRow = z.object({
  journeyId: z.string(), candidateId: z.uuid(), cohortId: z.uuid(), stage: z.string(), nextDueAt: z.string(),
  candidateName: z.string(), externalRef: z.string().nullable(),
  late: z.array(z.object({
    what: z.string(), role: z.string(), personRef: z.string().nullable(), personName: z.string(), dueAt: z.string(),
    step: z.string().nullable().describe('The deadline step an extension of this action moves (null: not extendable in one click).'),
    reminderEmailId: z.uuid().nullable().describe('The last email this person received on this journey (resend it as a reminder).'),
  })),
});

interface Row { journeyId: string; candidateId: string; cohortId: string; stage: string; awaiting: unknown; nextDueAt: Date | null }
interface Awaited { who?: { role?: string; ref?: string }; what: string; dueAtMs?: number }

export async function describeOverdue(db: Database, rows: Row[], nowMs: number): Promise<z.infer<typeof overdueRow>[]> {
  const late = rows.map((r) => ((r.awaiting as Awaited[]) ?? []).filter((a) => a.dueAtMs !== undefined && a.dueAtMs < nowMs));
  const memberIds = [...new Set(late.flat().filter((a) => a.who?.role === 'juryMember' && a.who.ref).map((a) => a.who!.ref!))];
  const [candidates, members, emails] = await Promise.all([
    db.candidate.findMany({ where: { id: { in: rows.map((r) => r.candidateId) } }, select: { id: true, firstName: true, lastName: true, externalRef: true } }),
    memberIds.length ? db.juryMember.findMany({ where: { id: { in: memberIds } }, select: { id: true, name: true } }) : [],
    // Newest first per (journey, recipient): one row each.
    db.outboxEmail.findMany({
      where: { journeyId: { in: rows.map((r) => r.journeyId) }, status: { not: 'queued' }, NOT: { recipientRef: 'staff' } },
      distinct: ['journeyId', 'recipientRef'], orderBy: [{ journeyId: 'asc' }, { recipientRef: 'asc' }, { createdAt: 'desc' }], select: { id: true, journeyId: true, recipientRef: true },
    }),
  ]);
  const cand = new Map(candidates.map((c) => [c.id, c]));
  const memberName = new Map(members.map((m) => [m.id, m.name]));
  const lastEmail = new Map(emails.map((e) => [`${e.journeyId}|${e.recipientRef}`, e.id]));
  return rows.map((r, i) => {
    const c = cand.get(r.candidateId);
    const name = c ? `${c.lastName.toUpperCase()} ${c.firstName}` : '—';
    return {
      journeyId: r.journeyId, candidateId: r.candidateId, cohortId: r.cohortId, stage: r.stage, nextDueAt: r.nextDueAt!.toISOString(),
      candidateName: name, externalRef: c?.externalRef ?? null,
      late: late[i]!.map((a) => {
        const role = a.who?.role ?? 'staff';
        const recipient = role === 'candidate' ? `candidate:${r.candidateId}` : role === 'juryMember' ? `juryMember:${a.who?.ref}` : undefined;
        return {
          what: a.what, role, personRef: a.who?.ref ?? null,
          personName: role === 'candidate' ? name : role === 'juryMember' ? (memberName.get(a.who?.ref ?? '') ?? '—') : 'équipe des admissions / admissions office',
          dueAt: new Date(a.dueAtMs!).toISOString(),
          step: STEP_OF_AWAITED.get(a.what) ?? null,
          reminderEmailId: recipient ? (lastEmail.get(`${r.journeyId}|${recipient}`) ?? null) : null,
        };
      }),
    };
  });
}
