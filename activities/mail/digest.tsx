// Daily digests: the requests held for jury members, reviewers and assessors (outbox rows "held") become
// at most one email per person per period, sent only when something new is pending. The digest lists
// every pending decision of the person (the jury queue's list), each with its own link; the links are
// sealed in the digest's row and written in as it leaves, like every action link.
import { render, toPlainText } from '@react-email/render';
import type { ActivityDeps } from '../deps';
import type { TemplateData } from '../notification-types';
import { Prisma } from '../../platform/database';
import { asLanguage } from '../wording/catalogue';
import { stepWords } from '../wording/jury';
import { actionLink, sealToken, unsealToken } from './action-tokens';
import { DigestMessage, digestSubject, type DigestItem } from './components/DigestMessage';
import { DIGEST_KIND } from './kinds';
import { TEXT_OPTIONS } from './render';
import type { OutboxPayload } from './outbox';
import { pendingDecisionsOf, type PendingDecision } from './pending-decisions';
import { mintQueueLink, queueLink } from './queue-link';

export interface ComposeDigestsInput {
  /** The digest workflow's time: "one a day" is counted in it (and skips with the time-skipping server). */
  nowMs: number;
  /** At most one digest per person within this time (default one day). */
  minIntervalMs: number;
}

/** Placeholders for the tokens, one per link; none is a prefix of another (the trailing X). */
const placeholder = (n: number | 'Q') => `JALONDIGEST${n}X`;
const stepKey = (t: { journeyId: string; action: string; recipientRef: string | null; subjectRef: string | null }) => [t.journeyId, t.action, t.recipientRef, t.subjectRef ?? ''].join('|');

/** Composes the digests due now; returns their outbox ids, for the workflow to deliver. */
export async function composeDigests(deps: ActivityDeps, input: ComposeDigestsInput): Promise<string[]> {
  const { db } = deps;
  const held = await db.outboxEmail.findMany({ where: { status: 'held', digestId: null }, select: { id: true, recipientRef: true, actionTokenId: true } });
  const memberIds = [...new Set(held.map((h) => h.recipientRef?.replace(/^juryMember:/, '') ?? ''))].filter(Boolean);
  const members = await db.juryMember.findMany({ where: { id: { in: memberIds } }, select: { id: true, personRef: true } });
  const personOf = new Map(members.map((m) => [`juryMember:${m.id}`, m.personRef]));
  const byPerson = new Map<string, typeof held>();
  for (const h of held) {
    const person = personOf.get(h.recipientRef ?? '');
    if (person) byPerson.set(person, [...(byPerson.get(person) ?? []), h]);
  }
  const outboxIds: string[] = [];
  for (const [personRef, rows] of byPerson) {
    const id = await composeOne(deps, personRef, rows, input);
    if (id) outboxIds.push(id);
  }
  return outboxIds;
}

async function composeOne(deps: ActivityDeps, personRef: string, held: { id: string; actionTokenId: string | null }[], input: ComposeDigestsInput): Promise<string | undefined> {
  const { db, config } = deps;
  const now = new Date(input.nowMs);
  const again = await db.juryDigest.findUnique({ where: { personRef_at: { personRef, at: now } } });
  if (again) return again.outboxId ?? undefined; // a retried activity finds its own digest
  const last = await db.juryDigest.findFirst({ where: { personRef, at: { lt: now } }, orderBy: { at: 'desc' } });
  if (last && input.nowMs - last.at.getTime() < input.minIntervalMs) return undefined;

  const heldTokens = await db.actionToken.findMany({ where: { id: { in: held.map((h) => h.actionTokenId).filter((x): x is string => Boolean(x)) } } });
  const heldSteps = new Set(heldTokens.map(stepKey));
  const pending = (await pendingDecisionsOf(db, personRef, now)).filter((p) => p.outboxId);
  const isNew = (p: PendingDecision) => heldSteps.has(stepKey(p.row));
  if (!pending.some(isNew)) {
    // Every held request's step closed (or was answered) before its digest: nothing new to tell.
    await db.outboxEmail.updateMany({ where: { id: { in: held.map((h) => h.id) }, status: 'held' }, data: { status: 'skipped' } });
    return undefined;
  }
  const member = await db.juryMember.findFirstOrThrow({ where: { personRef, replacedAt: null }, orderBy: { id: 'asc' } });
  const language = asLanguage(member.language);
  const tokens: Record<string, string> = {};
  const items: DigestItem[] = [];
  for (const p of pending) {
    const source = await db.outboxEmail.findUniqueOrThrow({ where: { id: p.outboxId! }, select: { idempotencyKey: true, sealedToken: true } });
    const token = source.sealedToken ? unsealToken(config.linkSecret, source.sealedToken, source.idempotencyKey) : undefined;
    if (!token) continue; // sealed under another secret: this one link cannot be rebuilt (the queue still has it)
    tokens[placeholder(items.length)] = token;
    items.push({ candidateName: p.candidateName ?? '—', step: { fr: stepWords(p, 'fr'), en: stepWords(p, 'en') }, dueAtMs: p.dueAtMs, link: actionLink(config.publicBaseUrl, placeholder(items.length)), isNew: isNew(p) });
  }
  const html = await render(<DigestMessage language={language} recipientName={member.name} items={items} queueLink={queueLink(config.publicBaseUrl, placeholder('Q'))} admissionsEmail={config.admissionsEmail} />);
  const payload: OutboxPayload = {
    subject: digestSubject(items.length, language),
    html,
    text: toPlainText(html, TEXT_OPTIONS),
    attachments: [],
    data: {} as TemplateData,
  };
  const idempotencyKey = `digest:${personRef}:${input.nowMs}`;
  try {
    return await db.$transaction(async (tx) => {
      tokens[placeholder('Q')] = await mintQueueLink(tx, personRef, now);
      const digest = await tx.juryDigest.create({ data: { personRef, at: now, itemCount: items.length, newCount: items.filter((i) => i.isNew).length } });
      const row = await tx.outboxEmail.create({
        data: {
          idempotencyKey, kind: DIGEST_KIND, recipient: member.email, recipientRef: `juryMember:${member.id}`, language,
          payload: payload as unknown as Prisma.InputJsonValue, sealedToken: sealToken(config.linkSecret, JSON.stringify(tokens), idempotencyKey),
        },
      });
      await tx.juryDigest.update({ where: { id: digest.id }, data: { outboxId: row.id } });
      // The held requests are told by this digest: marked sent when it is.
      await tx.outboxEmail.updateMany({ where: { id: { in: held.map((h) => h.id) }, status: 'held' }, data: { digestId: row.id } });
      return row.id;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return (await db.juryDigest.findUnique({ where: { personRef_at: { personRef, at: now } } }))?.outboxId ?? undefined;
    }
    throw error;
  }
}

export interface DigestActivities {
  composeDigests(input: ComposeDigestsInput): Promise<string[]>;
}

export function createDigestActivities(deps: ActivityDeps): DigestActivities {
  return { composeDigests: (input) => composeDigests(deps, input) };
}
