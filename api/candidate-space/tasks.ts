// A candidate's task answered from the space goes exactly where the emailed link's answer goes: the same
// form (api/action-links/forms.ts), the same journey update with the same decision id (derived from the
// link's token), the same "used" mark and audit row. Answering once by link and once here is one effect.
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { markTokenUsed, type ActionTokenRow } from '../../activities/mail/action-tokens';
import type { ActionKind } from '../../activities/notification-types';
import type { Language, Words } from '../../activities/wording/catalogue';
import { Prisma, type Database } from '../../platform/database';
import { JourneyRefusal } from '../../workflows/journey-client';
import { FORMS, parseForm } from '../action-links/forms';

export type TaskResult =
  | { status: 'recorded'; summary: string }
  | { status: 'invalid'; errors: Record<string, Words>; values: Record<string, string | undefined> }
  | { status: 'refused'; reason: Words };

/** The link's decision id rule (api/action-links/router.tsx): one decision per token use, one per period. */
export function decisionIdOf(row: ActionTokenRow, values: Record<string, string | undefined>): string {
  if (row.action === 'internship_declaration') return `${row.id}:${createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 16)}`;
  return row.useCount === 0 ? row.id : `${row.id}:${row.useCount}`;
}

export async function recordTask(
  deps: { db: Database; temporal: Client; now: () => Date },
  task: { row: ActionTokenRow; data: Record<string, unknown>; referentialCode: string },
  body: Record<string, unknown>,
  l: Language,
): Promise<TaskResult> {
  const { row, data } = task;
  const form = FORMS[row.action as ActionKind];
  const fields = form.fields({ data, subjectRef: row.subjectRef, referentialCode: task.referentialCode });
  const parsed = parseForm(form, fields, body);
  if ('errors' in parsed) {
    const values = Object.fromEntries(fields.map((f) => [f.name, typeof body[f.name] === 'string' ? (body[f.name] as string) : undefined]));
    return { status: 'invalid', errors: parsed.errors, values };
  }
  const decisionId = decisionIdOf(row, parsed.values);
  try {
    await form.record({
      client: deps.temporal, db: deps.db, journeyId: row.journeyId, decisionId, actor: { kind: 'candidate' },
      authorRef: row.recipientRef ?? 'candidate', subjectRef: row.subjectRef, data, values: parsed.values,
    });
  } catch (error) {
    if (error instanceof JourneyRefusal) return { status: 'refused', reason: { fr: error.reason.fr, en: error.reason.en } };
    throw error;
  }
  if (row.action !== 'internship_declaration') await markTokenUsed(deps.db, row.id, row.useCount, deps.now());
  const summary = form.describe(parsed.values, fields, l);
  try {
    await deps.db.auditEvent.create({
      data: {
        journeyId: row.journeyId, actor: row.recipientRef ?? row.recipientRole, action: 'action_link.decision_recorded', dedupKey: `action-link:${decisionId}`,
        before: Prisma.JsonNull, after: { linkId: row.id, action: row.action, decisionId, subjectRef: row.subjectRef, summary, via: 'candidate_space' },
      },
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
  }
  return { status: 'recorded', summary };
}
