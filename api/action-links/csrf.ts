// CSRF for the decision forms, without sessions: the form carries an HMAC of the action token's hash and
// the time the page was shown. A page elsewhere cannot forge it (it knows neither the secret nor the hash),
// and it ages out. The Origin check turns away cross-site posts from browsers that send it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

export const CSRF_MAX_AGE_MS = 2 * 60 * 60 * 1000;

export function csrfSecretOrRandom(secret: string | undefined): string {
  // Without ACTION_LINK_SECRET each process has its own: a form shown by one process fails in another
  // (the page says to reload). Production sets the secret.
  return secret ?? randomBytes(32).toString('hex');
}

export function issueCsrf(secret: string, tokenHash: string, nowMs: number): string {
  return `${nowMs}.${sign(secret, tokenHash, nowMs)}`;
}

export function verifyCsrf(secret: string, tokenHash: string, value: unknown, nowMs: number): boolean {
  if (typeof value !== 'string') return false;
  const [issued, mac] = value.split('.');
  const issuedMs = Number(issued);
  if (!Number.isSafeInteger(issuedMs) || !mac || nowMs - issuedMs > CSRF_MAX_AGE_MS || issuedMs - nowMs > 60_000) return false;
  const expected = Buffer.from(sign(secret, tokenHash, issuedMs));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function sign(secret: string, tokenHash: string, issuedMs: number): string {
  return createHmac('sha256', secret).update(`csrf:${tokenHash}:${issuedMs}`).digest('base64url');
}

/** A browser's Origin (when sent) must be this site: the request's own host or the public base URL. */
export function sameOrigin(req: Request, publicBaseUrl: string): boolean {
  const origin = req.get('origin');
  if (!origin || origin === 'null') return origin !== 'null';
  const own = `${req.protocol}://${req.get('host')}`;
  let publicOrigin = '';
  try {
    publicOrigin = new URL(publicBaseUrl).origin;
  } catch {
    /* an unparseable base URL only means: compare with the host */
  }
  return origin === own || origin === publicOrigin;
}
