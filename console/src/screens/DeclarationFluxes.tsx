// The CPF fluxes built: download each one's XML, record its deposit on the CDC's service, then the CDC's
// acknowledgement line by line (accepted or rejected, with the CDC's reason); a rejected award goes back
// to "to declare". No receipt file format is published to read, so the lines are marked here.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { errorsFor, ProblemMessage, SelectField, Status, TextField } from '../components/forms';
import { Loading } from '../components/Loading';
import { formatParis, useI18n } from '../i18n';
import { useCan } from '../session';

type Flux = paths['/declarations/cpf']['get']['responses'][200]['content']['application/json']['items'][number];

export function DeclarationFluxes({ names }: { names: Map<string, string> }) {
  const { t } = useI18n();
  const w = t.official.cpf;
  const fluxes = useQuery({ queryKey: ['cpf', 'fluxes'], queryFn: () => unwrap(api.GET('/declarations/cpf')) });
  return (
    <section aria-labelledby="fluxes-title">
      <h2 id="fluxes-title">{w.fluxes}</h2>
      {fluxes.isPending ? <Loading /> : fluxes.isError ? <ProblemMessage error={fluxes.error} /> : fluxes.data.items.length === 0 ? <p>{w.noFlux}</p> : (
        fluxes.data.items.map((f) => <FluxCard key={f.id} flux={f} names={names} />)
      )}
    </section>
  );
}

function FluxCard({ flux: f, names }: { flux: Flux; names: Map<string, string> }) {
  const { t, lang } = useI18n();
  const w = t.official.cpf;
  const can = useCan();
  const queryClient = useQueryClient();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['cpf'] }), queryClient.invalidateQueries({ queryKey: ['cpf-awards'] })]);
  const [acknowledged, setAcknowledged] = useState(false);
  const deposit = useMutation({ mutationFn: () => unwrap(api.POST('/declarations/cpf/{id}/deposit', { params: { path: { id: f.id } }, body: {} })), onSuccess: () => void refresh() });
  const nameOf = (juryId: string) => names.get(juryId) ?? juryId;
  return (
    <article aria-labelledby={`flux-${f.id}`} className="card" data-testid={`flux-${f.idFlux}`}>
      <h3 id={`flux-${f.id}`}>{w.flux} {f.idFlux}</h3>
      <p>{w.createdAt} {formatParis(f.createdAt, lang)} — {w.state} : {w.states[f.status] ?? f.status}{f.depositedAt && ` — ${w.depositedOn(formatParis(f.depositedAt, lang))}`}</p>
      <p><a href={`/declarations/cpf/${f.id}/flux.xml`} download>{w.download(f.idFlux)}</a> <span className="muted">SHA-256 <code className="sha">{f.sha256}</code></span></p>
      <ul aria-label={w.lines}>
        {f.lines.map((l) => <li key={l.juryId}>{nameOf(l.juryId)} : {w.lineStates[l.status] ?? l.status}{l.rejectionReason ? ` — ${w.rejectedBecause(l.rejectionReason)}` : ''}</li>)}
      </ul>
      {can.admissions && !f.depositedAt && (
        <>
          <button type="button" onClick={() => deposit.mutate()} disabled={deposit.isPending}>{w.deposit(f.idFlux)}</button>
          <ProblemMessage error={deposit.error} />
        </>
      )}
      {deposit.isSuccess && <Status>{w.deposited(f.idFlux)}</Status>}
      {acknowledged && <Status>{w.acknowledged(f.idFlux)}</Status>}
      {can.admissions && f.depositedAt && f.lines.some((l) => l.status === 'pending') && <Acknowledgement flux={f} nameOf={nameOf} onDone={() => { setAcknowledged(true); return refresh(); }} />}
    </article>
  );
}

function Acknowledgement({ flux: f, nameOf, onDone }: { flux: Flux; nameOf: (juryId: string) => string; onDone: () => Promise<unknown> }) {
  const { t } = useI18n();
  const w = t.official.cpf;
  const pending = f.lines.filter((l) => l.status === 'pending');
  const [answers, setAnswers] = useState<Record<string, { status: string; reason: string }>>({});
  const marked = () => pending.flatMap((l): { juryId: string; status: 'accepted' | 'rejected'; reason?: string }[] => {
    const a = answers[l.juryId];
    const status = a?.status;
    if (!a || (status !== 'accepted' && status !== 'rejected')) return [];
    return [{ juryId: l.juryId, status, ...(status === 'rejected' && a.reason.trim() ? { reason: a.reason.trim() } : {}) }];
  });
  const save = useMutation({
    mutationFn: () => unwrap(api.POST('/declarations/cpf/{id}/acknowledgement', { params: { path: { id: f.id } }, body: { lines: marked() } })),
    onSuccess: () => void onDone(),
  });
  const set = (juryId: string, patch: Partial<{ status: string; reason: string }>) => setAnswers({ ...answers, [juryId]: { status: '', reason: '', ...answers[juryId], ...patch } });
  const [unmarked, setUnmarked] = useState(false);
  // A rejection without the CDC's reason is refused here as the server would: the reason says what to correct.
  const [reasonless, setReasonless] = useState<string[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const lines = marked();
    const missing = lines.filter((l) => l.status === 'rejected' && !l.reason).map((l) => l.juryId);
    setUnmarked(lines.length === 0);
    setReasonless(missing);
    if (lines.length > 0 && missing.length === 0) save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="action" aria-label={w.ackTitle(f.idFlux)}>
      <h4>{w.ackTitle(f.idFlux)}</h4>
      <p className="hint">{w.noReceiptFormat}</p>
      {pending.map((l, i) => (
        <div key={l.juryId}>
          <SelectField label={w.lineStatus(nameOf(l.juryId))} name={`line-${i}`} value={answers[l.juryId]?.status ?? ''} onChange={(e) => set(l.juryId, { status: e.target.value })} errors={errorsFor(save.error, `body.lines.${i}.juryId`, t)}>
            <option value="">{w.lineStates.pending}</option>
            <option value="accepted">{w.lineStates.accepted}</option>
            <option value="rejected">{w.lineStates.rejected}</option>
          </SelectField>
          {answers[l.juryId]?.status === 'rejected' && (
            <TextField label={w.reason(nameOf(l.juryId))} name={`reason-${i}`} value={answers[l.juryId]?.reason ?? ''} maxLength={500} onChange={(e) => set(l.juryId, { reason: e.target.value })}
              errors={reasonless.includes(l.juryId) ? [w.reasonMissing(nameOf(l.juryId))] : []} />
          )}
        </div>
      ))}
      <button type="submit" disabled={save.isPending}>{w.saveAck}</button>
      {unmarked && <div role="alert" className="problem"><p>{w.noLineMarked}</p></div>}
      <ProblemMessage error={save.error} />
    </form>
  );
}
