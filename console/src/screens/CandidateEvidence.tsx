// What the candidate handed in besides the dossier: for a VAE candidate each evidence item, named in
// words, with its status, its files and, while the evidence stage is open, validate / reject (with a
// reason) for staff; for a candidate in training the work handed in per assessment and attempt. Each file
// downloads through the staff API (the download is audited).
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { errorsFor, ProblemMessage, TextField } from '../components/forms';
import { formatParis, formatSize, useI18n } from '../i18n';
import { useCan } from '../session';

type Evidence = { blocks: { code: string; title: Words }[]; vae: VaeItem[] | null; work: { blockCode: string; block: Words; assessmentId: string; assessment: Words; attempt: number; files: EvidenceFile[] }[] };
type Words = { fr: string; en: string };
type EvidenceFile = { fileId: string; version: number; fileName: string; sizeBytes: number; sentAt: string; href: string };
type VaeItem = { item: string; title: Words; status: string; reason: string | null; files: EvidenceFile[] };

/** The candidate's evidence, polled; also names the blocks in words for the journey section. */
export const useEvidence = (id: string) =>
  useQuery({ queryKey: ['evidence', id], queryFn: () => unwrap(api.GET('/candidates/{id}/evidence', { params: { path: { id } } })) as Promise<Evidence>, refetchInterval: 3000 });

export function CandidateEvidence({ id, reviewOpen, onDone }: { id: string; reviewOpen: boolean; onDone: (message: string) => void }) {
  const { t, lang } = useI18n();
  const w = t.evidence;
  const evidence = useEvidence(id);
  const can = useCan();
  const e = evidence.data;
  if (!e) return evidence.isError ? <ProblemMessage error={evidence.error} /> : null;
  return (
    <>
      {e.vae && (
        <section aria-labelledby="vae-evidence">
          <h2 id="vae-evidence">{w.vaeTitle}</h2>
          <ul className="evidence" data-testid="vae-evidence">
            {e.vae.map((v) => (
              <li key={v.item} data-item={v.item} data-status={v.status}>
                <h3>{v.title[lang]}</h3>
                <p>{w.status} <strong>{w.statuses[v.status] ?? v.status}</strong></p>
                {v.reason && <p>{w.reason} {v.reason}</p>}
                <Files files={v.files} />
                {reviewOpen && can.admissionsOrJury && (v.status === 'submitted' || v.status === 'missing') && <Review candidateId={id} item={v} onDone={onDone} />}
              </li>
            ))}
          </ul>
        </section>
      )}
      {!e.vae && (
        <section aria-labelledby="assessment-work">
          <h2 id="assessment-work">{w.workTitle}</h2>
          {e.work.length === 0 ? <p>{w.noWork}</p> : (
            <ul className="evidence" data-testid="assessment-work">
              {e.work.map((x) => (
                <li key={`${x.assessmentId}-${x.attempt}`}>
                  <h3>{x.assessment[lang]} — {w.attempt(x.attempt)}</h3>
                  <p className="muted">{x.block[lang]}</p>
                  <Files files={x.files} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

/** The dossier pieces (and the thesis) the candidate sent as files, each version downloadable. */
export function DossierFiles({ id }: { id: string }) {
  const { t } = useI18n();
  const listing = useQuery({ queryKey: ['files', id], queryFn: () => unwrap(api.GET('/candidates/{id}/files', { params: { path: { id } } })), refetchInterval: 10_000 });
  const pieces = (listing.data?.pieces ?? []).filter((p) => t.pieces[p.kind]);
  if (pieces.length === 0) return null;
  return (
    <ul data-testid="dossier-files">
      {pieces.map((p) => (
        <li key={p.kind}>
          {t.pieces[p.kind]}
          <Files files={p.versions.map((v) => ({ ...v, href: `/candidates/${id}/documents/${v.fileId}/content` }))} />
        </li>
      ))}
    </ul>
  );
}

function Files({ files }: { files: EvidenceFile[] }) {
  const { t, lang } = useI18n();
  const w = t.evidence;
  if (files.length === 0) return <p>{w.noFile}</p>;
  return (
    <>
      <p>{w.files}</p>
      <ul>
        {files.map((f) => (
          <li key={f.fileId}>
            <a href={f.href} download={f.fileName}>{w.download(f.fileName)}</a>{' '}
            <span className="muted">({w.version(f.version)}, {formatSize(f.sizeBytes, lang)}, {w.sentOn} {formatParis(f.sentAt, lang)})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Review({ candidateId, item, onDone }: { candidateId: string; item: VaeItem; onDone: (message: string) => void }) {
  const { t, lang } = useI18n();
  const w = t.evidence;
  const title = item.title[lang];
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const record = useMutation({
    mutationFn: (status: 'validated' | 'rejected') => unwrap(api.POST('/candidates/{id}/actions/record-vae-evidence', {
      params: { path: { id: candidateId } }, headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: { item: item.item, status, ...(status === 'rejected' ? { reason: reason.trim() } : {}) },
    })).then(() => status),
    onSuccess: (status) => {
      onDone(status === 'validated' ? w.validated(title) : w.rejected(title));
      for (const k of ['evidence', 'state', 'timeline']) void queryClient.invalidateQueries({ queryKey: [k, candidateId] });
    },
  });
  const reject = (e: FormEvent) => {
    e.preventDefault();
    setMissingReason(!reason.trim());
    if (reason.trim()) record.mutate('rejected');
  };
  return (
    <div className="action">
      <button type="button" disabled={record.isPending} onClick={() => record.mutate('validated')}>{w.validate(title)}</button>
      <form onSubmit={reject} noValidate aria-label={w.reject(title)}>
        <TextField label={w.rejectReason} name={`reason-${item.item}`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000}
          errors={[...(missingReason ? [w.reasonRequired] : []), ...errorsFor(record.error, 'body.reason', t)]} />
        <button type="submit" disabled={record.isPending}>{w.reject(title)}</button>
      </form>
      <ProblemMessage error={record.error} fieldPaths={['body.reason']} />
    </div>
  );
}
