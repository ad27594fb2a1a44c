// The candidate space (/space): server-rendered pages, no script, one language per page (the
// candidate's, or ?lang=). Sign-in by emailed single-use link, then a session cookie; every POST
// carries the session's CSRF value and comes from this site.
//   GET/POST /space/sign-in/:token   confirm page / use the link, open the session
//   GET/POST /space/lost-link        ask for a new link by email address (same answer either way)
//   GET      /space                  the space
//   POST     /space/pieces/:kind     upload a dossier piece (multipart)
//   POST     /space/tasks/:tokenId   answer a task (slot, internship, thesis, survey)
//   POST     /space/vae/:item        upload VAE evidence for a block or the in-depth work (multipart)
//   POST     /space/work/:assessmentId  hand in an assessment's work for its pending attempt (multipart)
//   GET      /space/files/:fileId    download one's own file
//   GET      /space/interview.ics    the interview's calendar file
//   POST     /space/sign-out
import express, { Router, type Request, type Response } from 'express';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { asLanguage, type Language, type Words } from '../../activities/wording/catalogue';
import { SPACE } from '../../activities/wording/space';
import { documentStoreOf } from '../../documents/index';
import type { AppDeps } from '../app';
import { Page, renderPage } from '../action-links/components';
import { sameOrigin } from '../action-links/csrf';
import { clearSessionCookie, csrfMatches, sessionOptionsOf, sessionTokenOf, setSessionCookie } from '../auth/sessions';
import { limiterFactory } from '../rate-limit-store';
import { LostLink, SignInConfirm } from './access-pages';
import { spaceActionsRouter, type SpaceContext } from './actions';
import { Overview, type OverviewState } from './overview';
import { CANDIDATE_COOKIE, type SpaceLinkUse, consumeSpaceLink, createCandidateSession, peekSpaceLink, resolveCandidateSession, revokeCandidateSession } from './sessions';
import { mailSpaceLinks } from './space-link-mail';
import { loadSpace } from './view';
import { honeypotFilled, privatePageHeaders } from './page-parts';
import { fileKindOf } from '../../documents/evidence-kinds';

const emailField = z.email().max(320);

export function candidateSpaceRouter(deps: AppDeps): Router {
  const { db, log } = deps;
  const sessions = sessionOptionsOf(deps);
  const base = deps.config.publicBaseUrl;
  const store = documentStoreOf(db, deps.documents);
  const limiter = limiterFactory(deps);
  const perAddress = limiter('space-lost-address', { max: 30, windowMs: 10 * 60_000 });
  const perEmail = limiter('space-lost-email', { max: 5, windowMs: 10 * 60_000 });
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '20kb', parameterLimit: 20 });

  const languageOf = (req: Request, fallback?: string | null): Language =>
    req.query.lang === 'en' || req.query.lang === 'fr' ? req.query.lang : fallback ? asLanguage(fallback) : req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr';
  const send = (res: Response, status: number, l: Language, title: Words, body: ReactNode, languageHref?: string) =>
    res.status(status).type('html').send(renderPage(<Page language={l} title={title} admissionsEmail={deps.config.admissionsEmail} languageHref={languageHref}>{body}</Page>));
  const lost = (res: Response, status: number, l: Language, message?: Words) => send(res, status, l, SPACE.lostTitle, <LostLink l={l} message={message} />);

  router.use('/space', privatePageHeaders);

  const refusalOf = { invalid: SPACE.linkInvalid, used: SPACE.linkUsed, expired: SPACE.linkExpired } as const;

  /** The link's candidate's language (a refused link still speaks it), else the browser's. */
  const linkLanguage = async (req: Request, use: SpaceLinkUse) =>
    languageOf(req, 'candidateId' in use ? (await db.candidate.findUnique({ where: { id: use.candidateId }, select: { language: true } }))?.language : undefined);

  router.get('/space/sign-in/:token', async (req, res) => {
    const peeked = await peekSpaceLink(db, String(req.params.token), sessions.clock());
    const l = await linkLanguage(req, peeked);
    if (peeked.status !== 'ok') return lost(res, peeked.status === 'invalid' ? 404 : 410, l, refusalOf[peeked.status]);
    send(res, 200, l, SPACE.signInTitle, <SignInConfirm l={l} />);
  });

  router.post('/space/sign-in/:token', form, async (req, res) => {
    if (!sameOrigin(req, base)) return send(res, 403, languageOf(req), SPACE.signInTitle, <p>{SPACE.formExpired[languageOf(req)]}</p>);
    const used = await consumeSpaceLink(db, String(req.params.token), sessions.clock());
    if (used.status !== 'ok') return lost(res, used.status === 'invalid' ? 404 : 410, await linkLanguage(req, used), refusalOf[used.status]);
    const session = await createCandidateSession(db, used.candidateId, sessions);
    await db.auditEvent.create({ data: { candidateId: used.candidateId, actor: `candidate:${used.candidateId}`, action: 'candidate.signed_in', after: {} } });
    setSessionCookie(res, session.token, session.absoluteExpiresAt, base, CANDIDATE_COOKIE);
    res.redirect(303, '/space');
  });

  router.get('/space/lost-link', (req, res) => lost(res, 200, languageOf(req)));

  router.post('/space/lost-link', form, async (req, res) => {
    const l = languageOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { waitMs } = await perAddress.hit(`ip:${req.ip}`, Date.now());
    if (waitMs > 0) return send(res, 429, l, SPACE.lostTitle, <LostLink l={l} message={{ fr: `Trop de demandes : réessayez dans ${Math.ceil(waitMs / 60_000)} min.`, en: `Too many requests: try again in ${Math.ceil(waitMs / 60_000)} min.` }} />);
    const parsed = emailField.safeParse(typeof body.email === 'string' ? body.email.trim() : '');
    if (!parsed.success) return send(res, 422, l, SPACE.lostTitle, <LostLink l={l} error={SPACE.emailError} value={typeof body.email === 'string' ? body.email.slice(0, 320) : ''} />);
    const email = parsed.data.toLowerCase();
    const honeypot = honeypotFilled(body);
    const { waitMs: emailWait } = await perEmail.hit(`email:${email}`, Date.now());
    // The same answer whether or not the address is known, limited or caught by the honeypot.
    if (!honeypot && emailWait === 0 && deps.mail && sameOrigin(req, base)) {
      const sends = await mailSpaceLinks(db, deps.mail, email, sessions.clock());
      for (const s of sends) s.catch((error: Error) => log.warn('space link email not delivered', { error: error.message }));
    }
    send(res, 200, l, SPACE.lostTitle, <LostLink l={l} sent />);
  });

  /** The signed-in candidate, or a redirect to the lost-link page was sent. */
  const signedIn = async (req: Request, res: Response) => {
    const token = sessionTokenOf(req, CANDIDATE_COOKIE);
    const identity = await resolveCandidateSession(db, token, sessions);
    if (!identity) {
      if (token) clearSessionCookie(res, base, CANDIDATE_COOKIE);
      lost(res, 401, languageOf(req), token ? SPACE.sessionEnded : undefined);
      return undefined;
    }
    return { identity, token: token! };
  };

  const showSpace = async (req: Request, res: Response, ctx: SpaceContext, status: number, state: Omit<OverviewState, 'csrf' | 'maxBytes'> = {}) => {
    const s = await loadSpace(db, ctx.identity.candidateId, sessions.clock());
    const l = languageOf(req, s.candidate.language);
    send(res, status, l, SPACE.title, (
      <>
        <nav aria-label={SPACE.title[l]}>
          <form method="post" action="/space/sign-out" style={{ display: 'inline' }}>
            <input type="hidden" name="csrf" value={ctx.identity.csrfToken} />
            <button type="submit" style={{ marginTop: 0 }}>{SPACE.signOut[l]}</button>
          </form>
        </nav>
        <Overview s={s} l={l} state={{ ...state, csrf: ctx.identity.csrfToken, maxBytes: store.maxBytes }} />
      </>
    ), '/space');
  };

  router.get('/space', async (req, res) => {
    const ctx = await signedIn(req, res);
    if (!ctx) return;
    // Only known codes become a notice (never text from the address bar).
    const received = typeof req.query.received === 'string' && ['piece', 'vae', 'work'].includes(fileKindOf(req.query.received).type) ? req.query.received : undefined;
    await showSpace(req, res, ctx, 200, received ? { receivedKind: received } : req.query.done === '1' ? { notice: SPACE.taskRecorded } : {});
  });

  router.post('/space/sign-out', form, async (req, res) => {
    const ctx = await signedIn(req, res);
    if (!ctx) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!sameOrigin(req, base) || !csrfMatches(ctx.token, typeof body.csrf === 'string' ? body.csrf : undefined)) {
      return send(res, 403, languageOf(req), SPACE.title, <p>{SPACE.formExpired[languageOf(req)]}</p>);
    }
    await revokeCandidateSession(db, ctx.identity.sessionId, sessions.clock());
    clearSessionCookie(res, base, CANDIDATE_COOKIE);
    lost(res, 200, languageOf(req), SPACE.signedOut);
  });

  router.use(spaceActionsRouter({ deps, store, signedIn, showSpace, send, languageOf }));
  return router;
}
