// GET /a/:token shows the page (and changes nothing: scanners and previewers open links);
// POST /a/:token records the decision through the journey's update, then marks the token used.
import express, { Router, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import { markTokenUsed, resolveActionToken, type ActionTokenRow, type TokenResolution } from '../../activities/mail/action-tokens';
import type { ActionKind } from '../../activities/notification-types';
import type { OutboxPayload } from '../../activities/mail/outbox';
import { Prisma, type Database } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import { JourneyRefusal } from '../../workflows/journey-client';
import type { Actor } from '../../workflows/messages';
import { csrfSecretOrRandom, issueCsrf, sameOrigin, verifyCsrf } from './csrf';
import { FORMS, parseForm, renderFields, type Field } from './forms';
import { bi, biText, e, notice, page, type Bi } from './html';
import type { RateLimit } from '../rate-limit';
import { limiterFactory } from '../rate-limit-store';
import { caseSummary } from './summary';

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
  config: { publicBaseUrl: string };
  actionLinks?: ActionLinkOptions;
  rateLimitStore?: 'memory' | 'postgres';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RECORDED = 'action_link.decision_recorded';

export function actionLinksRouter(deps: ActionLinkDeps): Router {
  const { db, temporal, log } = deps;
  const options = deps.actionLinks ?? {};
  const clock = options.clock ?? (() => new Date());
  const secret = csrfSecretOrRandom(options.csrfSecret);
  const limiter = limiterFactory(deps);
  const perToken = limiter('link-token', options.perToken ?? { max: 20, windowMs: 10 * 60_000 });
  const perAddress = limiter('link-address', options.perAddress ?? { max: 120, windowMs: 10 * 60_000 });
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '20kb', parameterLimit: 20 });

  router.use('/a', (_req, res, next) => {
    // The URL holds a secret: never cached, never sent to another site as a referrer, never indexed,
    // never framed. 'same-origin' rather than 'no-referrer': with no-referrer, browsers post the form
    // with `Origin: null`, which the Origin check must refuse.
    res.set({
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'same-origin',
      'X-Robots-Tag': 'noindex, nofollow',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    });
    next();
  });

  // Two limits, so that junk cannot lock out a real recipient (a school's NAT shares one address):
  // - per address, only failed look-ups count (unknown, expired, revoked, used tokens): an address that
  //   guessed too often gets 429 for its failures, but a request with a valid token is never refused
  //   because of its address;
  // - per valid token, every request counts (hammering one real link).
  // Both limiters are bounded in memory and log once per window, not once per request.
  const tooMany = (req: Request, res: Response, waitMs: number, crossed: boolean, scope: 'address' | 'link') => {
    if (crossed) log.warn('action link rate-limited', { ip: req.ip, method: req.method, scope });
    res.status(429).set('Retry-After', String(Math.ceil(waitMs / 1000))).type('html').send(page({
      title: bi('Trop de tentatives', 'Too many attempts'),
      body: notice('bad', bi(`Trop de demandes en peu de temps. Réessayez dans ${Math.ceil(waitMs / 60_000)} minute(s).`, `Too many requests in a short time. Try again in ${Math.ceil(waitMs / 60_000)} minute(s).`)),
    }));
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

  const refuse = (req: Request, res: Response, resolution: Exclude<TokenResolution, { status: 'valid' }>, recorded?: string) => {
    const linkId = 'row' in resolution ? resolution.row.id : undefined;
    log.warn('action link refused', { reason: resolution.status, linkId, ip: req.ip, method: req.method });
    const [status, title, text]: [number, Bi, Bi] =
      resolution.status === 'unknown'
        ? [404, bi('Lien invalide', 'Invalid link'), bi('Ce lien n’existe pas ou a été mal copié. Vérifiez qu’il est complet, ou contactez le service des admissions.', 'This link does not exist or was not copied whole. Check it is complete, or contact the admissions office.')]
        : resolution.status === 'expired'
          ? [410, bi('Lien expiré', 'Link expired'), bi('Ce lien a expiré : rien n’a été enregistré. Contactez le service des admissions pour en recevoir un nouveau.', 'This link has expired: nothing was recorded. Contact the admissions office to receive a new one.')]
          : resolution.status === 'revoked'
            ? [410, bi('Lien désactivé', 'Link disabled'), bi('Ce lien a été remplacé ou désactivé. Utilisez le lien le plus récent reçu par courriel.', 'This link was replaced or disabled. Use the most recent link you received by email.')]
            : [409, bi('Décision déjà enregistrée', 'Decision already recorded'), bi('Une décision a déjà été enregistrée avec ce lien ; elle ne peut plus être modifiée ici.', 'A decision was already recorded with this link; it can no longer be changed here.')];
    res.status(status).type('html').send(page({ title, body: notice('bad', text, 'alert') + (recorded ? recordedBlock(recorded) : '') }));
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

  /** The token, if it may be acted on now; otherwise the refusal (or 429) page was sent. */
  const usable = async (req: Request, res: Response, token: string): Promise<{ row: ActionTokenRow; recorded?: string } | undefined> => {
    const resolution = await resolveActionToken(db, token, clock());
    if (resolution.status === 'valid') return (await linkHammered(req, res, resolution.row)) ? undefined : { row: resolution.row };
    if (resolution.status === 'used' && (await mayChangeMind(resolution.row))) {
      return (await linkHammered(req, res, resolution.row)) ? undefined : { row: resolution.row, recorded: await lastRecorded(resolution.row) };
    }
    if (await failedLookup(req, res)) return undefined;
    refuse(req, res, resolution, resolution.status === 'used' ? await lastRecorded(resolution.row) : undefined);
    return undefined;
  };

  const formData = async (row: ActionTokenRow) => {
    const email = await db.outboxEmail.findFirst({ where: { actionTokenId: row.id }, select: { payload: true } });
    const data = ((email?.payload as unknown as OutboxPayload | undefined)?.data ?? {}) as Record<string, unknown>;
    if (row.action === 'interview_slot_choice' && !Array.isArray(data.slotIds)) {
      // A reminder's link: the slots are those of the latest offer to this journey.
      const offers = await db.outboxEmail.findMany({ where: { journeyId: row.journeyId, kind: 'interview_slots_offered' }, orderBy: { createdAt: 'desc' }, select: { payload: true } });
      const offer = offers.map((o) => (o.payload as unknown as OutboxPayload).data ?? {}).find((d) => Array.isArray(d.slotIds));
      if (offer) return { ...offer, ...data, slotIds: offer.slotIds, slots: offer.slots } as Record<string, unknown>;
    }
    return data;
  };

  const showForm = async (res: Response, row: ActionTokenRow, status: number, state: { values?: Record<string, string | undefined>; errors?: Record<string, Bi>; recorded?: string }) => {
    const action = FORMS[row.action as ActionKind];
    const fields = action.fields({ data: await formData(row), subjectRef: row.subjectRef });
    const errors = state.errors ?? {};
    const errorSummary = Object.keys(errors).length
      ? `<div class="summary-errors" role="alert"><h2>Le formulaire contient ${Object.keys(errors).length} erreur(s) <span lang="en" class="en">/ The form has ${Object.keys(errors).length} error(s)</span></h2><ul>${Object.entries(errors)
          .map(([name, text]) => `<li><a href="#${firstInputId(fields, name)}">${biText(text)}</a></li>`)
          .join('')}</ul></div>`
      : '';
    const changeMind = state.recorded
      ? notice('info', bi('Vous avez déjà enregistré une décision. Vous pouvez la modifier jusqu’à la clôture du jury ; la nouvelle remplacera l’ancienne (les deux sont conservées).', 'You already recorded a decision. You may change it until the jury closes; the new one supersedes the old one (both are kept).')) + recordedBlock(state.recorded)
      : '';
    res.status(status).type('html').send(page({
      title: action.title,
      body: `${errorSummary}${changeMind}${await caseSummary(db, row)}
<h2>Votre réponse <span lang="en" class="en">/ Your answer</span></h2>
<form method="post" novalidate>
<input type="hidden" name="csrf" value="${e(issueCsrf(secret, row.tokenHash, clock().getTime()))}">
${renderFields(fields, state.values ?? {}, errors)}
<button type="submit">${biText(action.submit)}</button>
</form>`,
    }));
  };

  router.get('/a/:token', async (req, res) => {
    const token = String(req.params.token);
    const ok = await usable(req, res, token);
    if (!ok) return;
    await showForm(res, ok.row, 200, { recorded: ok.recorded });
  });

  router.post('/a/:token', form, async (req, res) => {
    const token = String(req.params.token);
    const ok = await usable(req, res, token);
    if (!ok) return;
    const { row } = ok;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!sameOrigin(req, deps.config.publicBaseUrl) || !verifyCsrf(secret, row.tokenHash, body.csrf, clock().getTime())) {
      log.warn('action link refused', { reason: 'csrf', linkId: row.id, ip: req.ip, method: req.method });
      res.status(403).type('html').send(page({
        title: bi('Formulaire expiré', 'Form expired'),
        body: notice('bad', bi('Ce formulaire a expiré ou ne vient pas de notre site : rien n’a été enregistré. Rouvrez le lien reçu par courriel et soumettez de nouveau.', 'This form expired or did not come from our site: nothing was recorded. Open the link from your email again and resubmit.'), 'alert'),
      }));
      return;
    }
    const action = FORMS[row.action as ActionKind];
    const data = await formData(row);
    const fields = action.fields({ data, subjectRef: row.subjectRef });
    const parsed = parseForm(action, fields, body);
    if ('errors' in parsed) {
      const values = Object.fromEntries(fields.map((f) => [f.name, typeof body[f.name] === 'string' ? (body[f.name] as string) : undefined]));
      await showForm(res, row, 422, { values, errors: parsed.errors, recorded: ok.recorded });
      return;
    }
    // The first decision's id is the token's id; a change of mind gets the next one (token id + count).
    const decisionId = row.useCount === 0 ? row.id : `${row.id}:${row.useCount}`;
    const actor = actorOf(row);
    try {
      await action.record({ client: temporal, db, journeyId: row.journeyId, decisionId, actor, authorRef: row.recipientRef ?? row.recipientRole, subjectRef: row.subjectRef, data, values: parsed.values });
    } catch (error) {
      if (error instanceof JourneyRefusal) {
        log.info('action link decision refused by the journey', { linkId: row.id, refusal: error.type, code: error.reason.code });
        res.status(error.httpStatus).type('html').send(page({
          title: bi('Décision non enregistrée', 'Decision not recorded'),
          body: notice('bad', bi(error.reason.fr, error.reason.en), 'alert') + `<p>${biText(bi('Rien n’a été modifié. Pour toute question, contactez le service des admissions.', 'Nothing was changed. For any question, contact the admissions office.'))}</p>`,
        }));
        return;
      }
      log.error('action link decision failed', { linkId: row.id, error });
      res.status(503).type('html').send(page({
        title: bi('Service momentanément indisponible', 'Service temporarily unavailable'),
        body: notice('bad', bi('Votre décision n’a pas pu être transmise. Réessayez dans quelques minutes : le même lien reste valable.', 'Your decision could not be passed on. Try again in a few minutes: the same link still works.'), 'alert'),
      }));
      return;
    }
    const now = clock();
    await markTokenUsed(db, row.id, row.useCount, now);
    const summary = action.describe(parsed.values, fields);
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
    res.status(200).type('html').send(page({
      title: bi('Décision enregistrée', 'Decision recorded'),
      body: notice('good', bi('Merci : votre réponse est enregistrée.', 'Thank you: your answer is recorded.'), 'status') + recordedBlock(summary)
        + (row.action === 'jury_decision' ? `<p>${biText(bi('Vous pouvez la modifier avec le même lien jusqu’à la clôture du jury.', 'You may change it with the same link until the jury closes.'))}</p>` : ''),
    }));
  });

  return router;
}

function actorOf(row: ActionTokenRow): Actor {
  const [kind, id] = (row.recipientRef ?? '').split(':');
  if (kind === 'juryMember' && id) return { kind: 'juryMember', memberId: id };
  if (kind === 'candidate') return { kind: 'candidate' };
  return { kind: 'system' };
}

function recordedBlock(summary: string): string {
  return `<h2>Décision enregistrée <span lang="en" class="en">/ Recorded decision</span></h2><p>${e(summary)}</p>`;
}

function firstInputId(fields: Field[], name: string): string {
  const field = fields.find((f) => f.name === name);
  return field?.kind === 'radio' ? `f-${name}-0` : `f-${name}`;
}
