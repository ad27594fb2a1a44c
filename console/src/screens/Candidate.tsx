// One candidate: identity, the journey map (stages passed, current, upcoming; who is awaited and until
// when, in Paris time), live: the stage moves within seconds of a decision made elsewhere (polling),
// staff actions as forms, documents, timeline, emails.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, unwrapAs } from '../api/client';
import type { CandidateDetail, EmailRow, JourneyState, Page, TimelineEvent } from '../api/types';
import { ProblemMessage, Status } from '../components/forms';
import { Loading } from '../components/Loading';
import { formatParis, useI18n } from '../i18n';
import { Link } from '../router';
import { useCan } from '../session';
import { CandidateEvidence, DossierFiles, useEvidence } from './CandidateEvidence';
import { CandidateRecords } from './CandidateRecords';
import { EditIdentity } from './EditIdentity';
import { AssignReviewer, ExtendDeadline, OfferSlots, RecordPiece, ResendEmail } from './CandidateActions';

// Both routes go through selection, interview and admission (workflows/stages/admission.ts); the VAE
// route then collects evidence instead of training.
const MAIN_ROUTE = ['dossier', 'eligibility', 'selection', 'interview', 'admission', 'training', 'certification_jury', 'follow_up', 'closed'];
const VAE_ROUTE = ['dossier', 'eligibility', 'selection', 'interview', 'admission', 'vae_evidence', 'certification_jury', 'follow_up', 'closed'];
const LIVE_MS = 3000;

export function Candidate({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const [done, setDone] = useState<string>();
  const candidate = useQuery({ queryKey: ['candidate', id], queryFn: () => unwrapAs<CandidateDetail>(api.GET('/candidates/{id}', { params: { path: { id } } })), refetchInterval: LIVE_MS });
  const state = useQuery({ queryKey: ['state', id], queryFn: () => unwrapAs<JourneyState>(api.GET('/candidates/{id}/state', { params: { path: { id } } })), refetchInterval: LIVE_MS, retry: 1 });
  const documents = useQuery({ queryKey: ['documents', id], queryFn: () => unwrapAs<{ items: { kind: string; receivedAt: string }[]; missing: string[] }>(api.GET('/candidates/{id}/documents', { params: { path: { id } } })), refetchInterval: LIVE_MS });
  const timeline = useQuery({ queryKey: ['timeline', id], queryFn: () => unwrapAs<Page<TimelineEvent>>(api.GET('/candidates/{id}/timeline', { params: { path: { id }, query: { limit: 30 } } })), refetchInterval: LIVE_MS });
  const evidence = useEvidence(id);
  const emails = useQuery({ queryKey: ['emails', id], queryFn: () => unwrapAs<Page<EmailRow>>(api.GET('/candidates/{id}/emails', { params: { path: { id }, query: { limit: 30 } } })), refetchInterval: LIVE_MS });

  if (candidate.isPending) return <main id="main"><Loading /></main>;
  if (candidate.isError) return <main id="main"><ProblemMessage error={candidate.error} /></main>;
  const c = candidate.data;
  // The live state (workflow query) when it answers, else the read model's last recorded stage.
  const stage = state.data?.stage ?? c.journey?.stage ?? 'dossier';
  const status = state.data?.status ?? c.journey?.status ?? 'active';
  const awaiting = state.data?.awaiting ?? c.journey?.awaiting ?? [];
  // The wait for a place under the quota is a stage of derogation candidates only: shown when they are in it.
  const route = c.route === 'vae' ? VAE_ROUTE : MAIN_ROUTE;
  const stages = stage === 'awaiting_quota' ? [...route.slice(0, 5), 'awaiting_quota', ...route.slice(5)] : route;
  const currentIndex = stages.indexOf(stage);
  const awaits = (what: string) => awaiting.some((a) => a.what === what);

  return (
    <main id="main">
      <h1>{c.firstName} {c.lastName.toUpperCase()}</h1>
      <section aria-labelledby="identity">
        <h2 id="identity">{t.candidate.identity}</h2>
        <dl className="identity">
          <dt>{t.candidate.email}</dt><dd>{c.email}</dd>
          <dt>{t.candidate.phone}</dt><dd>{c.phone ?? '—'}</dd>
          <dt>{t.candidate.ref}</dt><dd>{c.externalRef ?? '—'}</dd>
          <dt>{t.candidate.route}</dt><dd>{t.routes[c.route] ?? c.route}</dd>
          <dt>{t.candidate.language}</dt><dd>{c.language === 'en' ? 'English' : 'Français'}</dd>
          <dt>{t.candidate.cohort}</dt><dd><Link to={`/console/cohorts/${c.cohort.id}`}>{c.cohort.code}</Link></dd>
        </dl>
        {can.admissions && <EditIdentity candidate={c} onDone={setDone} />}
      </section>

      <section aria-labelledby="journey">
        <h2 id="journey">{t.candidate.journey}</h2>
        <p className="live-note">{t.candidate.live}</p>
        <p aria-live="polite">
          {t.candidate.currentStage} <strong data-testid="stage" data-stage={stage}>{t.stages[stage] ?? stage}</strong>
          {' — '}{t.candidate.status} {t.statuses[status] ?? status}
        </p>
        <ol className="journey-map">
          {stages.map((s, i) => {
            // A closed journey has passed every stage it went through, the last one included.
            const kind = i < currentIndex || (i === currentIndex && status === 'ended') ? 'passed' : i === currentIndex ? 'current' : 'upcoming';
            return (
              <li key={s} className={kind} aria-current={kind === 'current' ? 'step' : undefined}>
                <span className="stage-name">{t.stages[s]}</span> <span className="stage-state">({t.candidate[kind]})</span>
              </li>
            );
          })}
        </ol>
        <h3>{t.candidate.awaiting}</h3>
        {awaiting.length === 0 ? <p>{t.candidate.nothingAwaited}</p> : (
          <ul data-testid="awaiting">
            {awaiting.map((a, i) => {
              const who = typeof a.who === 'string' ? a.who : a.who.role ?? '';
              return (
                <li key={`${a.what}-${a.subjectRef ?? i}`}>
                  {t.awaited[a.what] ?? a.what} — {t.candidate.from} {t.who[who] ?? who}
                  {a.dueAtMs ? <>, {t.candidate.dueOn} {formatParis(a.dueAtMs, lang)}</> : null}
                </li>
              );
            })}
          </ul>
        )}
        {state.data && state.data.blocks.length > 0 && (
          <>
            <h3>{t.candidate.blocks}</h3>
            <ul>{state.data.blocks.map((b) => <li key={b.code}>{evidence.data?.blocks.find((x) => x.code === b.code)?.title[lang] ?? b.code} : {t.blockStatuses[b.status] ?? b.status}</li>)}</ul>
          </>
        )}
      </section>

      {can.admissionsOrJury && (
        <section aria-labelledby="actions">
          <h2 id="actions">{t.candidate.actions}</h2>
          {/* The last action's result stays here: its form may go once the journey has moved on. */}
          {done && <Status>{done}</Status>}
          {status === 'active' && (
            <>
              {can.admissions && documents.data && documents.data.missing.length > 0 && <RecordPiece candidateId={id} missing={documents.data.missing} onDone={setDone} />}
              {awaits('assign_selection_reviewers') && <AssignReviewer candidateId={id} onDone={setDone} />}
              {can.admissions && awaits('offer_interview_slots') && <OfferSlots candidateId={id} onDone={setDone} />}
              <ExtendDeadline candidateId={id} onDone={setDone} />
            </>
          )}
        </section>
      )}

      <section aria-labelledby="documents">
        <h2 id="documents">{t.candidate.documents}</h2>
        {documents.data && (
          <>
            <p data-testid="received">{t.candidate.received} {documents.data.items.map((d) => t.pieces[d.kind] ?? d.kind).join(', ') || '—'}</p>
            <p>{t.candidate.missing} {documents.data.missing.map((k) => t.pieces[k] ?? k).join(', ') || '—'}</p>
            <DossierFiles id={id} />
          </>
        )}
      </section>

      <CandidateEvidence id={id} reviewOpen={stage === 'vae_evidence' && status === 'active'} onDone={setDone} />

      <CandidateRecords id={id} />

      <section aria-labelledby="timeline">
        <h2 id="timeline">{t.candidate.timeline}</h2>
        {timeline.data && (
          <ol className="timeline" reversed>
            {timeline.data.items.map((e) => (
              <li key={e.id}><time dateTime={e.at}>{formatParis(e.at, lang)}</time> — {e.label[lang]} <span className="muted">({e.actorName})</span></li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="emails">
        <h2 id="emails">{t.candidate.emails}</h2>
        {emails.data && (emails.data.items.length === 0 ? <p>{t.candidate.noEmails}</p> : (
          <table>
            <caption className="visually-hidden">{t.candidate.emails}</caption>
            <thead><tr><th scope="col">{t.candidate.email}</th><th scope="col">{t.candidate.subject}</th><th scope="col">{t.candidate.status.replace(':', '').trim()}</th><th scope="col">Date</th>{can.admissions && <th scope="col"><span className="visually-hidden">{t.candidate.actions}</span></th>}</tr></thead>
            <tbody>
              {emails.data.items.map((m) => (
                <tr key={m.id}>
                  <td>{m.recipient}</td><td>{m.subject ?? m.kind}</td><td>{t.emailStatuses[m.status] ?? m.status}{m.lastError ? ` — ${m.lastError}` : ''}</td><td>{formatParis(m.createdAt, lang)}</td>
                  {can.admissions && <td>{m.status !== 'sending' && <ResendEmail candidateId={id} emailId={m.id} subject={m.subject ?? m.kind} onDone={setDone} />}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
    </main>
  );
}
