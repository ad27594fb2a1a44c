// In "What is expected of you": the VAE evidence per item and the assessments awaiting work, each with its
// files sent so far and an upload form (the refusal said next to its field).
import { assessmentName, blockName, formatDateTime, vaeItemName, type Language, type Words } from '../../activities/wording/catalogue';
import { EVIDENCE } from '../../activities/wording/evidence';
import { SPACE } from '../../activities/wording/space';
import type { PieceFile } from '../../documents/pieces';
import type { PendingWork, VaeItemView } from './evidence-view';
import { FileInput } from './file-input';
import type { SpaceData } from './view';

export interface EvidenceFormProps {
  s: SpaceData;
  l: Language;
  csrf: string;
  maxBytes: number;
  /** The form whose upload was refused (`vae:<item>` or `work:<assessmentId>`), and why. */
  error?: { key: string; text: Words };
}

function SentFiles({ files, l }: { files: PieceFile[]; l: Language }) {
  if (files.length === 0) return null;
  return (
    <>
      <p>{EVIDENCE.filesSent[l]}</p>
      <ul>
        {files.map((f) => (
          <li key={f.fileId}><a href={`/space/files/${f.fileId}`}>{SPACE.sentFile(f.fileName, formatDateTime(f.sentAt.getTime(), l))[l]}</a></li>
        ))}
      </ul>
    </>
  );
}

const maxSizeHint = (maxBytes: number, l: Language) => `${SPACE.piecesHint[l]} ${SPACE.maxSize(String(Math.floor(maxBytes / (1024 * 1024))))[l]}`;

export function VaeEvidenceForms({ s, l, csrf, maxBytes, error }: EvidenceFormProps) {
  const open = s.view?.stage === 'vae_evidence' && s.view.status === 'active';
  return (
    <section aria-labelledby="vae-title">
      <h3 id="vae-title">{EVIDENCE.vaeTitle[l]}</h3>
      {open ? <p className="hint">{`${EVIDENCE.vaeHint[l]} ${maxSizeHint(maxBytes, l)}`}</p> : null}
      {s.vae.map((v: VaeItemView) => {
        const id = `vae-${v.item}`;
        const canSend = open && (v.status === 'missing' || v.status === 'submitted');
        return (
          <section key={v.item} aria-labelledby={`${id}-title`}>
            <h4 id={`${id}-title`}>
              {vaeItemName(s.ref, v.item, l)} <span className="hint">({(EVIDENCE.vaeStatus[v.status] ?? EVIDENCE.vaeStatus.missing!)[l]})</span>
            </h4>
            <SentFiles files={v.files} l={l} />
            {canSend ? (
              <form method="post" action={`/space/vae/${v.item}`} encType="multipart/form-data">
                <input type="hidden" name="csrf" value={csrf} />
                <FileInput id={id} label={EVIDENCE.addFile} l={l} error={error?.key === `vae:${v.item}` ? error.text : undefined} />
                <button type="submit">{SPACE.send[l]}</button>
              </form>
            ) : null}
          </section>
        );
      })}
    </section>
  );
}

export function WorkForms({ s, l, csrf, maxBytes, error }: EvidenceFormProps) {
  return (
    <section aria-labelledby="work-title">
      <h3 id="work-title">{EVIDENCE.workTitle[l]}</h3>
      <p className="hint">{`${EVIDENCE.workHint[l]} ${maxSizeHint(maxBytes, l)}`}</p>
      {s.work.map((w: PendingWork) => {
        const id = `work-${w.assessmentId}`;
        const when = w.dueAtMs === undefined ? EVIDENCE.firstAttempt[l] : EVIDENCE.retake(formatDateTime(w.dueAtMs, l))[l];
        return (
          <section key={w.assessmentId} aria-labelledby={`${id}-title`}>
            <h4 id={`${id}-title`}>{`${assessmentName(s.ref, w.assessmentId, l)} – ${blockName(s.ref, w.blockCode, l)}`} <span className="hint">({when})</span></h4>
            {w.files.length ? <SentFiles files={w.files} l={l} /> : <p>{EVIDENCE.noWorkYet[l]}</p>}
            <form method="post" action={`/space/work/${w.assessmentId}`} encType="multipart/form-data">
              <input type="hidden" name="csrf" value={csrf} />
              <FileInput id={id} label={SPACE.chooseFile} l={l} error={error?.key === `work:${w.assessmentId}` ? error.text : undefined} />
              <button type="submit">{(w.files.length ? SPACE.replace : SPACE.send)[l]}</button>
            </form>
          </section>
        );
      })}
    </section>
  );
}
