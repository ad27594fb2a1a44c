// One queue per jury member: /jury lists every pending decision of the signed-in person across candidates
// (deadline in Paris time, candidate, step in words), the most urgent first; /jury/d/:id shows and records
// one decision through the action-link pages' own flow (api/action-links/router.tsx), so a decision made
// here is the same journey update, with the same decision id, as one made from the email's link.
// Server-rendered, no script, one language per page (the person's).
import express, { Router, type Request, type Response } from 'express';
import type { ReactNode } from 'react';
import { resolutionOf } from '../../activities/mail/action-tokens';
import { memberIdsOfPerson, pendingDecisionsOf, type PendingDecision } from '../../activities/mail/pending-decisions';
import { asLanguage, formatDateTime, type Language, type Words } from '../../activities/wording/catalogue';
import { QUEUE, stepWords } from '../../activities/wording/jury';
import type { Database } from '../../platform/database';
import { Notice, Page, renderPage } from '../action-links/components';
import { sameOrigin } from '../action-links/csrf';
import { linkDocuments, type DocumentDeps } from '../action-links/documents';
import { decisionFlow, linkPageHeaders, type ActionLinkDeps } from '../action-links/router';
import { limiterFactory } from '../rate-limit-store';
import { clearJuryCookie, peekQueueLink, sessionPerson, setJuryCookie, signIn, signOut } from './sessions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function juryQueueRouter(deps: ActionLinkDeps & DocumentDeps): Router {
  const { db, log } = deps;
  const clock = deps.actionLinks?.clock ?? (() => new Date());
  const base = deps.config.publicBaseUrl;
  // The decision page lists the candidate's documents under this decision's own address.
  const flow = decisionFlow(deps, '/jury', (req) => `/jury/d/${String(req.params.id)}`);
  const documents = linkDocuments(deps);
  // Guessing links or session cookies: only failures count, per address (a valid one is never refused).
  const failures = limiterFactory(deps)('jury-queue-address', { max: 60, windowMs: 10 * 60_000 });
  const form = express.urlencoded({ extended: false, limit: '20kb', parameterLimit: 20 });
  const router = Router();
  router.use('/jury', linkPageHeaders);

  const send = (res: Response, status: number, l: Language, title: Words, body: ReactNode) =>
    res.status(status).type('html').send(renderPage(<Page language={l} title={title} admissionsEmail={deps.config.admissionsEmail}>{body}</Page>));
  const browserLanguage = (req: Request): Language => (req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr');
  const failed = async (req: Request, res: Response, status: number, title: Words, text: Words) => {
    const { waitMs, crossed } = await failures.hit(`ip:${req.ip}`, clock().getTime());
    if (crossed) log.warn('jury queue rate-limited', { ip: req.ip });
    if (waitMs > 0) res.set('Retry-After', String(Math.ceil(waitMs / 1000)));
    const l = browserLanguage(req);
    send(res, waitMs > 0 ? 429 : status, l, title, <Notice kind="bad" role="alert">{text[l]}</Notice>);
  };

  /** The signed-in person and their language; otherwise the "session ended" page was sent. */
  const person = async (req: Request, res: Response) => {
    const s = await sessionPerson(db, req, clock());
    if (!s) {
      await failed(req, res, 401, QUEUE.sessionEnded, QUEUE.sessionEndedText);
      return undefined;
    }
    return { ...s, language: await languageOf(db, s.personRef) };
  };

  router.get('/jury/sign-in/:token', async (req, res) => {
    const personRef = await peekQueueLink(db, String(req.params.token), clock());
    if (!personRef) return failed(req, res, 410, QUEUE.linkUsed, QUEUE.linkUsedText);
    const l = await languageOf(db, personRef);
    send(res, 200, l, QUEUE.signInTitle, (
      <>
        <p>{QUEUE.signInText[l]}</p>
        <form method="post">
          <button type="submit">{QUEUE.signInButton[l]}</button>
        </form>
      </>
    ));
  });

  router.post('/jury/sign-in/:token', form, async (req, res) => {
    if (!sameOrigin(req, base)) return failed(req, res, 403, QUEUE.linkUsed, QUEUE.linkUsedText);
    const session = await signIn(db, String(req.params.token), clock());
    if (!session) return failed(req, res, 410, QUEUE.linkUsed, QUEUE.linkUsedText);
    log.info('jury queue signed in', { personRef: session.personRef });
    setJuryCookie(res, session.cookie, session.expires, base);
    res.redirect(303, '/jury');
  });

  router.get('/jury', async (req, res) => {
    const p = await person(req, res);
    if (!p) return;
    const items = await pendingDecisionsOf(db, p.personRef, clock());
    send(res, 200, p.language, QUEUE.title, <QueueView items={items} language={p.language} />);
  });

  router.post('/jury/sign-out', form, async (req, res) => {
    const p = await person(req, res);
    if (!p) return;
    if (sameOrigin(req, base)) await signOut(db, p.sessionId, clock());
    clearJuryCookie(res, base);
    send(res, 200, p.language, QUEUE.signedOut, <p>{QUEUE.signedOutText[p.language]}</p>);
  });

  /** The signed-in person's decision named in the address; otherwise "not in your list" was sent. */
  const myDecision = async (req: Request, res: Response) => {
    const p = await person(req, res);
    if (!p) return undefined;
    const id = String(req.params.id);
    const row = UUID.test(id) ? await db.actionToken.findUnique({ where: { id } }) : null;
    const mine = row && (await memberIdsOfPerson(db, p.personRef)).some((m) => row.recipientRef === `juryMember:${m}`);
    if (!row || !mine) {
      send(res, 404, p.language, QUEUE.notYours, <><Notice kind="bad" role="alert">{QUEUE.notYoursText[p.language]}</Notice><p><a href="/jury">{QUEUE.back[p.language]}</a></p></>);
      return undefined;
    }
    return row;
  };
  /** One decision of the signed-in person, through the single link's flow. */
  const decision = (then: 'show' | 'submit') => async (req: Request, res: Response) => {
    const row = await myDecision(req, res);
    if (!row) return;
    const ok = await flow.usable(req, res, resolutionOf(row, clock()));
    if (ok) await flow[then](req, res, ok);
  };
  router.get('/jury/d/:id', decision('show'));
  router.post('/jury/d/:id', form, decision('submit'));
  // The candidate's documents for that decision, as from the email's link (same scope, same audit).
  router.get('/jury/d/:id/documents/:fileId', async (req, res) => {
    const row = await myDecision(req, res);
    if (row) await documents.serve(req, res, resolutionOf(row, clock()), String(req.params.fileId));
  });
  return router;
}

async function languageOf(db: Database, personRef: string): Promise<Language> {
  const member = await db.juryMember.findFirst({ where: { personRef }, orderBy: { id: 'asc' }, select: { language: true } });
  return asLanguage(member?.language);
}

function QueueView({ items, language: l }: { items: PendingDecision[]; language: Language }) {
  return (
    <>
      <p>{QUEUE.intro(items.length)[l]}</p>
      {items.length ? (
        <table>
          <caption>{QUEUE.caption[l]}</caption>
          <thead>
            <tr>
              <th scope="col">{QUEUE.deadline[l]}</th>
              <th scope="col">{QUEUE.candidate[l]}</th>
              <th scope="col">{QUEUE.step[l]}</th>
              <th scope="col">{QUEUE.action[l]}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.row.id}>
                <td>{i.dueAtMs === undefined ? QUEUE.noDeadline[l] : formatDateTime(i.dueAtMs, l)}</td>
                <td>{i.candidateName ?? '—'}</td>
                <td>{stepWords(i, l)}</td>
                <td>
                  <a href={`/jury/d/${i.row.id}`} aria-label={QUEUE.openFor(i.candidateName ?? '—')[l]}>{QUEUE.open[l]}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form method="post" action="/jury/sign-out">
        <button type="submit">{QUEUE.signOut[l]}</button>
      </form>
    </>
  );
}
