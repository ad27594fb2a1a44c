// The candidate space link carried by the dossier, VAE evidence and retake emails: a single-use sign-in
// token for that candidate (only its SHA-256 stored, in CandidateSignInLink), sealed in the outbox row like
// an action token.
import type { Prisma } from '../../platform/database';
import type { EmailRequest, TemplateKind } from '../notification-types';
import { mintToken } from './action-tokens';

/** The emails that lead the candidate into their space (with a fresh personal link each). */
export const SPACE_LINK_TEMPLATES: ReadonlySet<TemplateKind> = new Set(['dossier_opened', 'dossier_reminder', 'vae_evidence_request']);

/** Whether this email leads into the space: those templates, and a retake's result (the new work is handed in there). */
export function leadsToSpace(email: EmailRequest): boolean {
  return SPACE_LINK_TEMPLATES.has(email.template) || (email.template === 'assessment_result' && email.data.result === 'retake');
}

/**
 * Requests whose task the candidate does in the space (the thesis is uploaded there): the email carries the
 * space link; the action token is still created (never mailed), and the space shows its form.
 */
export const SPACE_TASK_TEMPLATES: ReadonlySet<TemplateKind> = new Set(['thesis_submission_request', 'thesis_reminder']);

export const DEFAULT_SPACE_LINK_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * When the space link of this email stops working: `days` after the step's deadline the email gives (never
 * before it: the link is how the candidate does the step), or after the sending when it gives none.
 */
export function spaceLinkExpiresAtMs(email: EmailRequest, nowMs: number, days = DEFAULT_SPACE_LINK_DAYS): number {
  const data = email.data as { dueAtMs?: unknown; retakeDueAtMs?: unknown };
  const due = typeof data.dueAtMs === 'number' ? data.dueAtMs : typeof data.retakeDueAtMs === 'number' ? data.retakeDueAtMs : nowMs;
  return Math.max(nowMs, due) + days * DAY_MS;
}

/** The page where a candidate asks for a new link (an expired or already used one). */
export function spaceLostLinkUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/space/lost-link`;
}

export function spaceSignInUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/space/sign-in/${token}`;
}

/** A new single-use link for this candidate; answers the token (for the email only, never stored in clear). */
export async function createSpaceLink(tx: Pick<Prisma.TransactionClient, 'candidateSignInLink'>, candidateId: string, expiresAt: Date, minted = mintToken()): Promise<string> {
  await tx.candidateSignInLink.create({ data: { candidateId, tokenHash: minted.tokenHash, expiresAt } });
  return minted.token;
}
