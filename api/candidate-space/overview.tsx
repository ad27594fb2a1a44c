// The candidate space's main page, server-rendered (React, no script): the stages, what is expected and
// by when, the dossier pieces with an upload form each, the open tasks, the interview, the timeline.
import type { ReactNode } from 'react';
import { STAGES, assessmentName, formatDateTime, label, pieceName, vaeItemName, type Language, type Words } from '../../activities/wording/catalogue';
import { EVIDENCE } from '../../activities/wording/evidence';
import { fileKindOf } from '../../documents/evidence-kinds';
import { VaeEvidenceForms, WorkForms } from './evidence-forms';
import { eventLabel } from '../../activities/wording/events';
import { SPACE } from '../../activities/wording/space';
import { JOURNEY_STAGES } from '../../workflows/messages';
import { Notice } from '../action-links/components';
import type { SpaceData } from './view';
import { TaskForm, type TaskState } from './task-forms';
import { FileInput } from './file-input';
import { CpfIdentityForm, cpfIdentityExpected, type CpfIdentityState } from './cpf-identity';
import { PersonalDataRequest } from './personal-data';

export interface OverviewState {
  csrf: string;
  maxBytes: number;
  /** A piece whose upload was refused, and why. */
  pieceError?: { kind: string; text: Words };
  task?: TaskState;
  notice?: Words;
  /** Something refused as a whole (not tied to one field). */
  alert?: Words;
  /** A file just received (its kind: a piece, a VAE item's evidence, an assessment's work): said in words at the top. */
  receivedKind?: string;
  /** The CPF identity form sent back with what is wrong. */
  cpfIdentity?: CpfIdentityState;
  /** A VAE evidence or assessment work upload refused, and why (next to its field). */
  evidenceError?: { key: string; text: Words };
}

function receivedWords(s: SpaceData, kind: string): Words {
  const k = fileKindOf(kind);
  if (k.type === 'vae') return EVIDENCE.vaeReceived(vaeItemName(s.ref, k.item, 'fr'), vaeItemName(s.ref, k.item, 'en'));
  if (k.type === 'work') return EVIDENCE.workReceived(assessmentName(s.ref, k.assessmentId, 'fr'), assessmentName(s.ref, k.assessmentId, 'en'));
  return { fr: SPACE.uploaded(pieceName(s.ref, kind, 'fr')).fr, en: SPACE.uploaded(pieceName(s.ref, kind, 'en')).en };
}

const stagesOf = (route: string, enteredQuotaReserve: boolean) =>
  JOURNEY_STAGES.filter((s) => s !== 'closed' && (route === 'vae' ? s !== 'training' : s !== 'vae_evidence') && (enteredQuotaReserve || s !== 'awaiting_quota'));

export function Overview({ s, l, state }: { s: SpaceData; l: Language; state: OverviewState }) {
  const status = s.view?.status ?? 'active';
  return (
    <>
      <p>{SPACE.hello(s.candidate.firstName)[l]}</p>
      {state.alert ? <Notice kind="bad" role="alert">{state.alert[l]}</Notice> : null}
      {state.notice ? <Notice kind="good" role="status">{state.notice[l]}</Notice> : null}
      {state.receivedKind ? <Notice kind="good" role="status">{receivedWords(s, state.receivedKind)[l]}</Notice> : null}
      <StageMap s={s} l={l} />
      <h2 id="todo">{SPACE.todoTitle[l]}</h2>
      {status === 'suspended' ? <Notice kind="info">{SPACE.suspended[l]}</Notice> : status === 'ended' ? <p>{SPACE.ended[l]}</p> : <Expected s={s} l={l} />}
      {s.cpfIdentity.ask ? <ul><li><a href="#cpf-identity-title">{cpfIdentityExpected[l]}</a></li></ul> : null}
      <CpfIdentityForm task={s.cpfIdentity} l={l} csrf={state.csrf} state={state.cpfIdentity} />
      {s.vae.length ? <VaeEvidenceForms s={s} l={l} csrf={state.csrf} maxBytes={state.maxBytes} error={state.evidenceError} /> : null}
      {s.work.length ? <WorkForms s={s} l={l} csrf={state.csrf} maxBytes={state.maxBytes} error={state.evidenceError} /> : null}
      {s.view?.stage === 'dossier' || s.candidate.pieces.length > 0 ? <Pieces s={s} l={l} state={state} /> : null}
      {s.interview ? <Interview s={s} l={l} /> : null}
      {s.tasks.map((task) => (
        <TaskForm key={task.token.id} task={task} s={s} l={l} csrf={state.csrf} maxBytes={state.maxBytes} state={state.task?.tokenId === task.token.id ? state.task : undefined} />
      ))}
      <Timeline s={s} l={l} />
      <PersonalDataRequest l={l} csrf={state.csrf} />
    </>
  );
}

function StageMap({ s, l }: { s: SpaceData; l: Language }) {
  const stages = stagesOf(s.candidate.route, s.enteredQuotaReserve);
  const current = s.view?.stage ?? 'dossier';
  const at = current === 'closed' ? stages.length : stages.indexOf(current as (typeof stages)[number]);
  return (
    <>
      <h2>{SPACE.stagesTitle[l]}</h2>
      <ol className="stages">
        {stages.map((stage, i) => {
          const state = i < at ? SPACE.stageDone : i === at ? SPACE.stageCurrent : SPACE.stageNext;
          const name = label(STAGES, stage, l);
          return (
            <li key={stage} aria-current={i === at ? 'step' : undefined}>
              {i === at ? <strong>{name}</strong> : name} <span className="hint">({state[l]})</span>
            </li>
          );
        })}
      </ol>
    </>
  );
}

function Expected({ s, l }: { s: SpaceData; l: Language }) {
  // The assessments' work is asked by the blocks (no awaited action of the journey): one line for the first
  // attempts (no deadline of their own), one per retake with its resubmission deadline.
  const firstAttempts = s.work.some((w) => w.dueAtMs === undefined) ? [{ what: 'assessment_work' as string, dueAtMs: undefined as number | undefined }] : [];
  const retakes = s.work.filter((w) => w.dueAtMs !== undefined).map((w) => ({ what: `retake:${w.assessmentId}`, dueAtMs: w.dueAtMs }));
  const mine = [...s.expected, ...firstAttempts, ...retakes];
  if (mine.length === 0 && s.cpfIdentity.ask) return null; // the identity asked below is what is expected
  if (mine.length === 0) return <p>{s.awaiting.length > 0 ? SPACE.waitingOthers[l] : SPACE.nothingToDo[l]}</p>;
  return (
    <ul>
      {mine.map((a, i) => (
        <li key={i}>
          {a.what.startsWith('retake:') ? SPACE.retakeWork(assessmentName(s.ref, a.what.slice('retake:'.length), l))[l] : (SPACE.awaited[a.what] ?? SPACE.awaitedOther)[l]}
          {a.dueAtMs !== undefined ? <strong>{` – ${SPACE.before[l]} ${formatDateTime(a.dueAtMs, l)}`}</strong> : null}
        </li>
      ))}
    </ul>
  );
}

function Pieces({ s, l, state }: { s: SpaceData; l: Language; state: OverviewState }) {
  const open = s.view?.stage === 'dossier' && s.view.status === 'active';
  const mb = String(Math.floor(state.maxBytes / (1024 * 1024)));
  return (
    <>
      <h2 id="pieces">{SPACE.piecesTitle[l]}</h2>
      {open ? <p className="hint">{`${SPACE.piecesHint[l]} ${SPACE.maxSize(mb)[l]}`}</p> : null}
      {s.ref.admission.pieces.map((p) => {
        const versions = s.history.get(p.kind) ?? [];
        const recorded = s.candidate.pieces.find((x) => x.kind === p.kind);
        const error = state.pieceError?.kind === p.kind ? state.pieceError.text : undefined;
        const id = `piece-${p.kind}`;
        return (
          <section key={p.kind} aria-labelledby={`${id}-title`}>
            <h3 id={`${id}-title`}>
              {pieceName(s.ref, p.kind, l)} <span className="hint">({(recorded ? SPACE.received : SPACE.missing)[l]})</span>
            </h3>
            {versions[0] ? (
              <p>
                <a href={`/space/files/${versions[0].fileId}`}>{SPACE.sentFile(versions[0].fileName, formatDateTime(versions[0].sentAt.getTime(), l))[l]}</a>
              </p>
            ) : recorded ? <p>{SPACE.recordedByStaff[l]}</p> : null}
            {versions.length > 1 ? (
              <details>
                <summary>{SPACE.earlierVersions[l]}</summary>
                <ul>
                  {versions.slice(1).map((v) => (
                    <li key={v.fileId}><a href={`/space/files/${v.fileId}`}>{SPACE.sentFile(v.fileName, formatDateTime(v.sentAt.getTime(), l))[l]}</a></li>
                  ))}
                </ul>
              </details>
            ) : null}
            {open ? (
              <form method="post" action={`/space/pieces/${p.kind}`} encType="multipart/form-data">
                <input type="hidden" name="csrf" value={state.csrf} />
                <FileInput id={id} label={SPACE.chooseFile} l={l} error={error} />
                <button type="submit">{(recorded ? SPACE.replace : SPACE.send)[l]}</button>
              </form>
            ) : null}
          </section>
        );
      })}
    </>
  );
}

function Interview({ s, l }: { s: SpaceData; l: Language }) {
  const slot = s.interview!.slot.slot;
  const when = `${formatDateTime(slot.startsAtMs, l)}, ${slot.durationMinutes} minutes${slot.place ? ` – ${slot.place}` : ''}`;
  return (
    <>
      <h2 id="interview">{SPACE.slotTitle[l]}</h2>
      <p>{(slot.startsAtMs + slot.durationMinutes * 60_000 <= s.nowMs ? SPACE.slotPast : SPACE.slotChosen)(when)[l]}</p>
      <p><a href="/space/interview.ics">{SPACE.downloadIcs[l]}</a></p>
    </>
  );
}

function Timeline({ s, l }: { s: SpaceData; l: Language }): ReactNode {
  return (
    <>
      <h2 id="timeline">{SPACE.timelineTitle[l]}</h2>
      {s.timeline.length === 0 ? <p>{SPACE.timelineEmpty[l]}</p> : (
        <table>
          <caption className="hint">{SPACE.timelineTitle[l]}</caption>
          <thead>
            <tr><th scope="col">{SPACE.when[l]}</th><th scope="col">{SPACE.what[l]}</th></tr>
          </thead>
          <tbody>
            {s.timeline.map((e, i) => (
              <tr key={i}><td>{formatDateTime(e.at.getTime(), l)}</td><td>{eventLabel(e.action, l)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
