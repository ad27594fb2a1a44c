// The public application page of a cohort (/apply/:cohortCode), server-rendered, no script, FR or EN
// (?lang=, else the browser's). Abuse is bounded: rate limits per address and per email, a honeypot
// field, a small body limit. The same answer whatever the address (known, new, or caught).
//   GET/POST /apply/:cohortCode       the form / send it (a confirmation email follows)
//   GET/POST /apply/confirm/:token    confirm page / confirm: the candidate is created, the space opens
import express, { Router, type Request, type Response } from 'express';
import type { ReactNode } from 'react';
import { APPLY } from '../../activities/wording/application';
import { referentialOf, type Language, type Words } from '../../activities/wording/catalogue';
import { SPACE } from '../../activities/wording/space';
import type { AppDeps } from '../app';
import { ErrorSummary, FormFields, Notice, Page, renderPage } from '../action-links/components';
import { sameOrigin } from '../action-links/csrf';
import { sessionOptionsOf, setSessionCookie } from '../auth/sessions';
import { limiterFactory } from '../rate-limit-store';
import { applicationFields, readApplication } from './apply-form';
import { confirmApplication, findUnconfirmed, submitApplication } from './applications';
import { CANDIDATE_COOKIE, createCandidateSession } from './sessions';
import { Honeypot, honeypotFilled, privatePageHeaders } from './page-parts';

export function applyRouter(deps: AppDeps): Router {
  const { db, log } = deps;
  const sessions = sessionOptionsOf(deps);
  const limiter = limiterFactory(deps);
  const perAddress = limiter('apply-address', { max: 20, windowMs: 10 * 60_000 });
  const perEmail = limiter('apply-email', { max: 5, windowMs: 10 * 60_000 });
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 30 });
  const languageOf = (req: Request): Language => (req.query.lang === 'en' || req.query.lang === 'fr' ? req.query.lang : req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr');
  const send = (res: Response, status: number, l: Language, title: Words, body: ReactNode) =>
    res.status(status).type('html').send(renderPage(<Page language={l} title={title} admissionsEmail={deps.config.admissionsEmail}>{body}</Page>));

  router.use('/apply', privatePageHeaders);

  const openCohort = async (code: string) => {
    const cohort = await db.cohort.findUnique({ where: { code } });
    if (!cohort) return undefined;
    const intake = await db.cohortIntake.findUnique({ where: { cohortId: cohort.id } });
    return intake?.open ? cohort : undefined;
  };

  const showForm = (res: Response, status: number, l: Language, cohort: { code: string; label: string; referentialCode: string }, state: { values?: Record<string, string | undefined>; errors?: Record<string, Words> } = {}) => {
    const fields = applicationFields(referentialOf(cohort.referentialCode));
    send(res, status, l, APPLY.title(cohort.label), (
      <>
        <p>{APPLY.intro[l]}</p>
        <ErrorSummary language={l} fields={fields} errors={state.errors ?? {}} />
        <form method="post" action={`/apply/${encodeURIComponent(cohort.code)}?lang=${l}`} noValidate>
          <FormFields language={l} fields={fields} values={state.values ?? {}} errors={state.errors ?? {}} />
          <Honeypot />
          <button type="submit">{APPLY.send[l]}</button>
        </form>
      </>
    ));
  };

  router.get('/apply/confirm/:token', async (req, res) => {
    const l = languageOf(req);
    const application = await findUnconfirmed(db, String(req.params.token), sessions.clock());
    const lang: Language = application?.language === 'en' ? 'en' : application ? 'fr' : l;
    if (!application) return send(res, 410, lang, APPLY.confirmTitle, <Notice kind="bad" role="alert">{APPLY.confirmInvalid[lang]}</Notice>);
    send(res, 200, lang, APPLY.confirmTitle, <><p>{APPLY.confirmText[lang]}</p><form method="post"><button type="submit">{APPLY.confirmButton[lang]}</button></form></>);
  });

  router.post('/apply/confirm/:token', form, async (req, res) => {
    const l = languageOf(req);
    if (!sameOrigin(req, deps.config.publicBaseUrl)) return send(res, 403, l, APPLY.confirmTitle, <p>{SPACE.formExpired[l]}</p>);
    const confirmed = await confirmApplication(db, deps.temporal, deps.config.taskQueue, String(req.params.token), sessions.clock());
    if (!confirmed) return send(res, 410, l, APPLY.confirmTitle, <Notice kind="bad" role="alert">{APPLY.confirmInvalid[l]}</Notice>);
    log.info('application confirmed', { candidateId: confirmed.candidateId });
    const session = await createCandidateSession(db, confirmed.candidateId, sessions);
    setSessionCookie(res, session.token, session.absoluteExpiresAt, deps.config.publicBaseUrl, CANDIDATE_COOKIE);
    res.redirect(303, '/space');
  });

  router.get('/apply/:cohortCode', async (req, res) => {
    const l = languageOf(req);
    const cohort = await openCohort(String(req.params.cohortCode));
    if (!cohort) return send(res, 404, l, APPLY.closed, <p>{APPLY.closedText[l]}</p>);
    showForm(res, 200, l, cohort);
  });

  router.post('/apply/:cohortCode', form, async (req, res) => {
    const l = languageOf(req);
    const cohort = await openCohort(String(req.params.cohortCode));
    if (!cohort) return send(res, 404, l, APPLY.closed, <p>{APPLY.closedText[l]}</p>);
    const { waitMs } = await perAddress.hit(`ip:${req.ip}`, Date.now());
    if (waitMs > 0) return send(res, 429, l, APPLY.title(cohort.label), <Notice kind="bad" role="alert">{`${l === 'fr' ? 'Trop de demandes : réessayez dans' : 'Too many requests: try again in'} ${Math.ceil(waitMs / 60_000)} min.`}</Notice>);
    if (!sameOrigin(req, deps.config.publicBaseUrl)) return send(res, 403, l, APPLY.title(cohort.label), <p>{SPACE.formExpired[l]}</p>);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const fields = applicationFields(referentialOf(cohort.referentialCode));
    const read = readApplication(body, referentialOf(cohort.referentialCode), fields);
    if ('errors' in read) {
      const values = Object.fromEntries(fields.map((f) => [f.name, typeof body[f.name] === 'string' ? (body[f.name] as string).slice(0, 1000) : undefined]));
      return showForm(res, 422, l, cohort, { values, errors: read.errors });
    }
    const honeypot = honeypotFilled(body);
    const { waitMs: emailWait } = await perEmail.hit(`email:${read.answers.email.toLowerCase()}`, Date.now());
    if (!honeypot && emailWait === 0 && deps.mail) {
      const { delivery } = await submitApplication(db, deps.mail, cohort, read.answers, l, sessions.clock());
      delivery.catch((error: Error) => log.warn('application email not delivered', { error: error.message }));
    } else if (honeypot) log.info('application dropped by the honeypot', { ip: req.ip });
    send(res, 200, l, APPLY.title(cohort.label), <Notice kind="good" role="status">{APPLY.sent[l]}</Notice>);
  });

  return router;
}
