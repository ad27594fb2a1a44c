// Console sign-in, outside the key-authenticated registry (nobody is signed in yet):
//   POST   /auth/sign-in-links  { email }  emails a single-use link if an active staff member has it;
//                                          answers 202 either way (nobody learns who has an account)
//   POST   /auth/sessions       { token }  uses the link once, sets the session cookie
//   GET    /auth/session                   who is signed in, and the CSRF token for mutating calls
//   DELETE /auth/session                   signs out (CSRF token required)
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Database } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import { sameOrigin } from '../action-links/csrf';
import type { Limiter } from '../rate-limit';
import { limiterFactory } from '../rate-limit-store';
import { CSRF_HEADER, clearSessionCookie, createSession, csrfMatches, resolveSession, revokeSession, sessionTokenOf, setSessionCookie, type SessionOptions } from '../auth/sessions';
import { consumeSignInLink, requestSignInLink, type MailDeps } from '../auth/sign-in';
import { HttpProblem, parseInput } from '../problem';

export interface AuthRouterDeps {
  db: Database;
  log: Logger;
  mail?: MailDeps;
  sessions: SessionOptions;
  publicBaseUrl: string;
  rateLimitStore?: 'memory' | 'postgres';
}

const linkBody = z.strictObject({ email: z.email('adresse e-mail invalide / invalid email address').max(320) });
const sessionBody = z.strictObject({ token: z.string().min(1).max(200) });

const CONSUME_REFUSALS = {
  invalid: [400, 'Lien de connexion invalide / Invalid sign-in link', 'Ce lien n’est pas (ou plus) valable : demandez-en un nouveau. / This link is not valid: ask for a new one.'],
  used: [410, 'Lien déjà utilisé / Link already used', 'Un lien de connexion ne sert qu’une fois : demandez-en un nouveau. / A sign-in link works once: ask for a new one.'],
  expired: [410, 'Lien expiré / Link expired', 'Ce lien a expiré : demandez-en un nouveau. / This link has expired: ask for a new one.'],
} as const;

export function authRouter(deps: AuthRouterDeps): Router {
  const { db, log, sessions, publicBaseUrl } = deps;
  const router = Router();
  // Per address and per target email: enough to stop someone flooding a mailbox or guessing tokens.
  const limiter = limiterFactory({ db, rateLimitStore: deps.rateLimitStore });
  const perAddress = limiter('sign-in-address', { max: 30, windowMs: 10 * 60_000 });
  const perEmail = limiter('sign-in-email', { max: 5, windowMs: 10 * 60_000 });
  const limit = async (limiter: Limiter, key: string) => {
    const { waitMs } = await limiter.hit(key, Date.now());
    if (waitMs > 0) throw new HttpProblem(429, 'Trop de demandes / Too many requests', `Réessayez dans ${Math.ceil(waitMs / 60_000)} min. / Try again in ${Math.ceil(waitMs / 60_000)} min.`);
  };
  const requireOrigin = (req: Request) => {
    if (!sameOrigin(req, publicBaseUrl)) throw new HttpProblem(403, 'CSRF check failed', 'This request came from another site.');
  };

  router.post('/auth/sign-in-links', async (req, res) => {
    requireOrigin(req);
    await limit(perAddress, `ip:${req.ip}`);
    const { email } = parseInput(linkBody, req.body ?? {}, 'body');
    await limit(perEmail, `email:${email.toLowerCase()}`);
    if (!deps.mail) throw new HttpProblem(503, 'Email not configured', 'This API process has no mailer: sign-in links cannot be sent.');
    const queued = await requestSignInLink(db, deps.mail, email, sessions);
    if (queued) {
      await db.auditEvent.create({ data: { actor: 'anonymous', action: 'staff.sign_in_link_sent', after: { outboxId: queued.outboxId } } });
      // Delivered in the background; a failure stays on the outbox row (status failed) and in the log.
      queued.send.catch((error: Error) => log.warn('sign-in email not delivered', { outboxId: queued.outboxId, error: error.message }));
    }
    res.status(202).json({ status: 'accepted', message: 'Si cette adresse appartient à un membre de l’équipe, un lien de connexion vient de lui être envoyé. / If this address belongs to a staff member, a sign-in link has just been sent.' });
  });

  router.post('/auth/sessions', async (req, res) => {
    requireOrigin(req);
    await limit(perAddress, `ip:${req.ip}`);
    const { token } = parseInput(sessionBody, req.body ?? {}, 'body');
    const result = await consumeSignInLink(db, token, sessions.clock());
    if (result.status !== 'ok') {
      const [status, title, detail] = CONSUME_REFUSALS[result.status];
      throw new HttpProblem(status, title, detail, { errors: [{ path: 'body.token', message: detail }] });
    }
    const session = await createSession(db, result.staffUserId, sessions);
    await db.auditEvent.create({ data: { actor: `staff:${result.staffUserId}`, action: 'staff.signed_in', after: {} } });
    setSessionCookie(res, session.token, session.absoluteExpiresAt, publicBaseUrl);
    const identity = await resolveSession(db, session.token, sessions);
    res.status(201).json(present(identity!));
  });

  router.get('/auth/session', async (req, res) => {
    const identity = await resolveSession(db, sessionTokenOf(req), sessions);
    if (!identity) throw new HttpProblem(401, 'Non connecté / Not signed in', 'Connectez-vous avec le lien reçu par e-mail. / Sign in with the emailed link.');
    res.set('Cache-Control', 'no-store').json(present(identity));
  });

  router.delete('/auth/session', async (req, res) => {
    const token = sessionTokenOf(req);
    const identity = await resolveSession(db, token, sessions);
    if (identity) {
      if (!csrfMatches(token!, req.get(CSRF_HEADER)) || !sameOrigin(req, publicBaseUrl)) throw new HttpProblem(403, 'CSRF check failed', 'Missing or wrong X-CSRF-Token: sign out from the console page.');
      await revokeSession(db, identity.sessionId, sessions.clock());
      await db.auditEvent.create({ data: { actor: `staff:${identity.staffUserId}`, action: 'staff.signed_out', after: {} } });
    }
    clearSessionCookie(res, publicBaseUrl);
    res.status(204).end();
  });

  return router;
}

function present(identity: NonNullable<Awaited<ReturnType<typeof resolveSession>>>) {
  return { staffUserId: identity.staffUserId, name: identity.name, email: identity.email, role: identity.role, csrfToken: identity.csrfToken };
}
