// GET /a/:token shows the page (and changes nothing: scanners and previewers open links);
// POST /a/:token records the decision through the journey's update, then marks the token used.
import { createHash } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import { markTokenUsed, resolveActionToken, type ActionTokenRow, type TokenResolution } from '../../activities/mail/action-tokens';
import { CLOSED, QUEUE } from '../../activities/wording/jury';
import { ClosedStepView } from './closed';
import { closedStep } from '../../activities/mail/pending-decisions';
import type { ActionKind } from '../../activities/notification-types';
import type { OutboxPayload } from '../../activities/mail/outbox';
import { Prisma, type Database } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import { JourneyRefusal } from '../../workflows/journey-client';
import type { Actor } from '../../workflows/messages';
import { csrfSecretOrRandom, issueCsrf, sameOrigin, verifyCsrf } from './csrf';
import type { ReactNode } from 'react';
import { asLanguage, type Language, type Words } from '../../activities/wording/catalogue';
import { PAGE } from '../../activities/wording/pages';
import { ErrorSummary, FormFields, Notice, Page, renderPage } from './components';
import { FORMS, parseForm } from './forms';
import type { RateLimit } from '../rate-limit';
import { limiterFactory } from '../rate-limit-store';
import { CaseSummary, loadCase } from './summary';

export interface ActionLinkOptions {
  /** Signs the forms' CSRF values (ACTION_LINK_SECRET); random per process when absent. */
  csrfSecret?: string;
  clock?: () => Date;
  perToken?: RateLimit;
  perAddress?: RateLimit;
}

export interface ActionLinkDeps {
  db: Database;
  temporal: Client;
  log: Logger;
  config: { publicBaseUrl: string; admissionsEmail?: string };
  actionLinks?: ActionLinkOptions;
  rateLimitStore?: 'memory' | 'postgres';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RECORDED = 'action_link.decision_recorded';
const CLOSED_TITLE = CLOSED.title;

/** A token that may be acted on now, with the decision it already recorded (a jury member changing their mind). */
export interface UsableLink {
  row: ActionTokenRow;
  recorded?: string;
}

/**
 * The decision pages over a resolved token: the single link (/a/:token) and the jury queue (a row found
 * through the person's session) show and record a decision through these same functions, so both make the
 * same journey update with the same decision id.
 */
export interface DecisionFlow {
  /** The token if it may be acted on now; otherwise the refusal, "closed" or 429 page was sent. */
  usable(req: Request, res: Response, resolution: TokenResolution): Promise<UsableLink | undefined>;
  show(req: Request, res: Response, ok: UsableLink): Promise<void>;
  submit(req: Request, res: Response, ok: UsableLink): Promise<void>;
}

export function actionLinksRouter(deps: ActionLinkDeps): Router {
  const router = Router();
  router.use('/a', linkPageHeaders);
  const flow = decisionFlow(deps);
  const form = express.urlencoded({ extended: false, limit: '20kb', parameterLimit: 20 });
  const clock = deps.actionLinks?.clock ?? (() => new Date());

  router.get('/a/:token', async (req, res) => {
    const ok = await flow.usable(req, res, await resolveActionToken(deps.db, String(req.params.token), clock()));
    if (ok) await flow.show(req, res, ok);
  });

  router.post('/a/:token', form, async (req, res) => {
    const ok = await flow.usable(req, res, await resolveActionToken(deps.db, String(req.params.token), clock()));
    if (ok) await flow.submit(req, res, ok);
  });
  return router;
}

/**
 * The URL holds a secret: never cached, never sent to another site as a referrer, never indexed, never
 * framed. 'same-origin' rather than 'no-referrer': with no-referrer, browsers post the form with
 * `Origin: null`, which the Origin check must refuse.
 */
export function linkPageHeaders(_req: Request, res: Response, next: () => void): void {
  res.set({
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'same-origin',
    'X-Robots-Tag': 'noindex, nofollow',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  });
  next();
}

/**
 * @param backHref where "back to my list" leads (the jury queue); absent on the single link.
 * @param documentBaseOf the address under which the page lists the candidate's documents.
 */
export function decisionFlow(deps: ActionLinkDeps, backHref?: string, documentBaseOf = (req: Request) => `/a/${String(req.params.token)}`): DecisionFlow {
  const { db, temporal, log } = deps;
  const options = deps.actionLinks ?? {};
  const clock = options.clock ?? (() => new Date());
  const secret = csrfSecretOrRandom(options.csrfSecret);
  const limiter = limiterFactory(deps);
  const perToken = limiter('link-token', options.perToken ?? { max: 20, windowMs: 10 * 60_000 });
  const perAddress = limiter('link-address', options.perAddress ?? { max: 120, windowMs: 10 * 60_000 });
  /** "Back to my list" on the pages that end a decision (the queue only). */
  const back = (l: Language) => (backHref ? <p><a href={backHref}>{QUEUE.back[l]}</a></p> : null);
  const admissionsEmail = deps.config.admissionsEmail;
  const send = (res: Response, status: number, language: Language, title: Words, body: ReactNode) =>
    res.status(status).type('html').send(renderPage(<Page language={language} title={title} admissionsEmail={admissionsEmail}>{body}</Page>));
  /** The language asked in the address (the switch on every page); else the recipient's; else the browser's. */
  const languageOf = async (req: Request, row?: ActionTokenRow): Promise<Language> => {
    if (req.query.lang === 'fr' || req.query.lang === 'en') return req.query.lang;
    const [kind, id] = (row?.recipientRef ?? '').split(':');
    if (kind === 'candidate' && row) {
      const candidateId = row.journeyId.split(':').at(-1) ?? '';
      if (UUID.test(candidateId)) return asLanguage((await db.candidate.findUnique({ where: { id: candidateId }, select: { language: true } }))?.language);
    }
    if (kind === 'juryMember' && id && UUID.test(id)) return asLanguage((await db.juryMember.findUnique({ where: { id }, select: { language: true } }))?.language);
    return req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr';
  };

  // Two limits, so that junk cannot lock out a real recipient (a school's NAT shares one address):
  // - per address, only failed look-ups count (unknown, expired, revoked, used tokens): an address that
  //   guessed too often gets 429 for its failures, but a request with a valid token is never refused
  //   because of its address;
  // - per valid token, every request counts (hammering one real link).
  // Both limiters are bounded in memory and log once per window, not once per request.
  const tooMany = (req: Request, res: Response, waitMs: number, crossed: boolean, scope: 'address' | 'link') => {
    if (crossed) log.warn('action link rate-limited', { ip: req.ip, method: req.method, scope });
    const l: Language = req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr';
    res.set('Retry-After', String(Math.ceil(waitMs / 1000)));
    send(res, 429, l, PAGE.tooMany, <Notice kind="bad">{PAGE.tooManyText(Math.ceil(waitMs / 60_000))[l]}</Notice>);
  };

  /** Counts a failed look-up against the address; true when that went over the limit (429 sent). */
  const failedLookup = async (req: Request, res: Response): Promise<boolean> => {
    const { waitMs, crossed } = await perAddress.hit(`ip:${req.ip}`, clock().getTime());
    if (waitMs === 0) return false;
    tooMany(req, res, waitMs, crossed, 'address');
    return true;
  };

  /** Counts a request on a real link; true when that link was asked too often (429 sent). */
  const linkHammered = async (req: Request, res: Response, row: ActionTokenRow): Promise<boolean> => {
    const { waitMs, crossed } = await perToken.hit(`t:${row.tokenHash}`, clock().getTime());
    if (waitMs === 0) return false;
    tooMany(req, res, waitMs, crossed, 'link');
    return true;
  };

  const refuse = async (req: Request, res: Response, resolution: Exclude<TokenResolution, { status: 'valid' }>, recorded?: string) => {
    const linkId = 'row' in resolution ? resolution.row.id : undefined;
    log.warn('action link refused', { reason: resolution.status, linkId, ip: req.ip, method: req.method });
    const l = await languageOf(req, 'row' in resolution ? resolution.row : undefined);
    const [status, title, text]: [number, Words, Words] =
      resolution.status === 'unknown' ? [404, PAGE.invalid, PAGE.invalidText]
        : resolution.status === 'expired' ? [410, PAGE.expired, PAGE.expiredText]
          : resolution.status === 'revoked' ? [410, PAGE.revoked, PAGE.revokedText]
            : [409, PAGE.used, PAGE.usedText];
    send(res, status, l, title, <><Notice kind="bad" role="alert">{text[l]}</Notice>{recorded ? <Recorded language={l} summary={recorded} /> : null}{back(l)}</>);
  };

  const lastRecorded = async (row: ActionTokenRow): Promise<string | undefined> => {
    const event = await db.auditEvent.findFirst({ where: { action: RECORDED, dedupKey: { startsWith: `action-link:${row.id}` } }, orderBy: { id: 'desc' } });
    return (event?.after as { summary?: string } | null)?.summary;
  };

  /** A certification jury member may change their mind while the jury is open. */
  const mayChangeMind = async (row: ActionTokenRow): Promise<boolean> => {
    const [kind, memberId] = (row.recipientRef ?? '').split(':');
    if (row.action !== 'jury_decision' || kind !== 'juryMember' || !memberId || !UUID.test(memberId)) return false;
    const member = await db.juryMember.findUnique({ where: { id: memberId }, select: { jury: { select: { status: true, closedAt: true } } } });
    return Boolean(member && member.jury.status === 'open' && !member.jury.closedAt);
  };

  /** D6: the step closed before this person answered: what was decided, when, by whom; no form. */
  const closedPage = async (req: Request, res: Response, row: ActionTokenRow, waitMs = 0): Promise<boolean> => {
    let closed = await closedStep(db, row);
    // After a refusal the journey has closed the step, and writes its record right after: wait for it briefly.
    for (let waited = 0; !closed && waited < waitMs; waited += 200) {
      await new Promise((r) => setTimeout(r, 200));
      closed = await closedStep(db, row);
    }
    if (!closed) return false;
    log.info('action link step closed', { linkId: row.id, method: req.method, by: closed.by });
    const l = await languageOf(req, row);
    send(res, req.method === 'POST' ? 409 : 200, l, CLOSED_TITLE, <><ClosedStepView closed={closed} language={l} />{back(l)}</>);
    return true;
  };

  const usable = async (req: Request, res: Response, resolution: TokenResolution): Promise<UsableLink | undefined> => {
    if (resolution.status === 'valid') {
      if (await linkHammered(req, res, resolution.row)) return undefined;
      return (await closedPage(req, res, resolution.row)) ? undefined : { row: resolution.row };
    }
    if (resolution.status === 'used' && (await mayChangeMind(resolution.row))) {
      return (await linkHammered(req, res, resolution.row)) ? undefined : { row: resolution.row, recorded: await lastRecorded(resolution.row) };
    }
    if (await failedLookup(req, res)) return undefined;
    await refuse(req, res, resolution, resolution.status === 'used' ? await lastRecorded(resolution.row) : undefined);
    return undefined;
  };

  const formData = async (row: ActionTokenRow) => {
    const email = await db.outboxEmail.findFirst({ where: { actionTokenId: row.id }, select: { payload: true } });
    const data = ((email?.payload as unknown as OutboxPayload | undefined)?.data ?? {}) as Record<string, unknown>;
    return data;
  };

  const showForm = async (req: Request, res: Response, row: ActionTokenRow, status: number, state: { values?: Record<string, string | undefined>; errors?: Record<string, Words>; recorded?: string }) => {
    const action = FORMS[row.action as ActionKind];
    const l = await languageOf(req, row);
    const c = await loadCase(db, row, await formData(row));
    const fields = action.fields({ data: c.data, subjectRef: row.subjectRef, blockCodes: c.blockCodes, referentialCode: c.referentialCode });
    const errors = state.errors ?? {};
    send(res, status, l, action.title, (
      <>
        <ErrorSummary language={l} fields={fields} errors={errors} />
        {state.recorded ? (<><Notice kind="info">{PAGE.changeMind[l]}</Notice><Recorded language={l} summary={state.recorded} /></>) : null}
        <CaseSummary c={c} language={l} documentBase={documentBaseOf(req)} />
        <h2>{PAGE.yourAnswer[l]}</h2>
        <form method="post" noValidate>
          <input type="hidden" name="csrf" value={issueCsrf(secret, row.tokenHash, clock().getTime())} />
          <FormFields language={l} fields={fields} values={state.values ?? {}} errors={errors} />
          <button type="submit">{action.submit[l]}</button>
        </form>
      </>
    ));
  };

  const show = (req: Request, res: Response, ok: UsableLink) => showForm(req, res, ok.row, 200, { recorded: ok.recorded });

  const submit = async (req: Request, res: Response, ok: UsableLink) => {
    const { row } = ok;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!sameOrigin(req, deps.config.publicBaseUrl) || !verifyCsrf(secret, row.tokenHash, body.csrf, clock().getTime())) {
      log.warn('action link refused', { reason: 'csrf', linkId: row.id, ip: req.ip, method: req.method });
      const l = await languageOf(req, row);
      send(res, 403, l, PAGE.formExpired, <Notice kind="bad" role="alert">{PAGE.formExpiredText[l]}</Notice>);
      return;
    }
    const action = FORMS[row.action as ActionKind];
    const data = await formData(row);
    const l = await languageOf(req, row);
    const c = await loadCase(db, row, data);
    const fields = action.fields({ data, subjectRef: row.subjectRef, blockCodes: c.blockCodes, referentialCode: c.referentialCode });
    const parsed = parseForm(action, fields, body);
    if ('errors' in parsed) {
      const values = Object.fromEntries(fields.map((f) => [f.name, typeof body[f.name] === 'string' ? (body[f.name] as string) : Array.isArray(body[f.name]) ? (body[f.name] as string[]).join(',') : undefined]));
      await showForm(req, res, row, 422, { values, errors: parsed.errors, recorded: ok.recorded });
      return;
    }
    // The first decision's id is the token's id; a change of mind gets the next one (token id + count).
    const decisionId = row.action === 'internship_declaration'
      // One link, several periods: each period is its own decision (the same period twice is one).
      ? `${row.id}:${createHash('sha256').update(JSON.stringify(parsed.values)).digest('hex').slice(0, 16)}`
      : row.useCount === 0 ? row.id : `${row.id}:${row.useCount}`;
    const actor = actorOf(row);
    try {
      await action.record({ client: temporal, db, journeyId: row.journeyId, decisionId, actor, authorRef: row.recipientRef ?? row.recipientRole, subjectRef: row.subjectRef, data, values: parsed.values });
    } catch (error) {
      if (error instanceof JourneyRefusal) {
        // The step closed between the page and the answer: the same page as on GET, no internal code.
        if (error.type === 'WrongStage' && (await closedPage(req, res, row, 3_000))) return;
        log.info('action link decision refused by the journey', { linkId: row.id, refusal: error.type, code: error.reason.code });
        send(res, error.httpStatus, l, PAGE.notRecorded, <><Notice kind="bad" role="alert">{error.reason[l]}</Notice><p>{PAGE.nothingChanged[l]}</p>{back(l)}</>);
        return;
      }
      log.error('action link decision failed', { linkId: row.id, error });
      send(res, 503, l, PAGE.unavailable, <Notice kind="bad" role="alert">{PAGE.unavailableText[l]}</Notice>);
      return;
    }
    const now = clock();
    // The internship link declares several periods (they add up): it stays usable after each one.
    if (row.action !== 'internship_declaration') await markTokenUsed(db, row.id, row.useCount, now);
    const summary = action.describe(parsed.values, fields, l);
    try {
      await db.auditEvent.create({
        data: {
          journeyId: row.journeyId, actor: row.recipientRef ?? row.recipientRole, action: RECORDED, dedupKey: `action-link:${decisionId}`,
          before: ok.recorded ? { summary: ok.recorded } : Prisma.JsonNull,
          after: { linkId: row.id, action: row.action, decisionId, subjectRef: row.subjectRef, summary },
        },
      });
    } catch (error) {
      // A racing twin submission already wrote it: same decision id, same effect.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    }
    log.info('action link decision recorded', { linkId: row.id, action: row.action, decisionId });
    send(res, 200, l, PAGE.recordedTitle, (
      <>
        <Notice kind="good" role="status">{PAGE.recordedText[l]}</Notice>
        <Recorded language={l} summary={summary} />
        {row.action === 'jury_decision' ? <p>{PAGE.changeLater[l]}</p> : null}
        {row.action === 'internship_declaration' ? <p><a href={req.originalUrl}>{PAGE.declareAnother[l]}</a></p> : null}
        {back(l)}
      </>
    ));
  };

  return { usable, show, submit };
}

function actorOf(row: ActionTokenRow): Actor {
  const [kind, id] = (row.recipientRef ?? '').split(':');
  if (kind === 'juryMember' && id) return { kind: 'juryMember', memberId: id };
  if (kind === 'candidate') return { kind: 'candidate' };
  return { kind: 'system' };
}

function Recorded({ language: l, summary }: { language: Language; summary: string }) {
  return (
    <>
      <h2>{PAGE.yourRecorded[l]}</h2>
      <p>{summary}</p>
    </>
  );
}
