// One bulk operation: its progress bar while it runs (the workflow's own count, polled), the result per
// candidate, and the undo within 24 hours: before it, which candidates can be undone and why the others
// cannot; after it, what was undone.
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ProblemMessage, Status } from '../components/forms';
import { Loading } from '../components/Loading';
import { formatParis, useI18n } from '../i18n';
import { Link } from '../router';

export function BulkOperation({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const w = t.ops.bulk;
  const [confirming, setConfirming] = useState(false);
  const op = useQuery({
    queryKey: ['bulk-operation', id],
    queryFn: () => unwrap(api.GET('/bulk-operations/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && ['running', 'undoing'].includes(q.state.data.phase) ? 500 : 5000),
  });
  const undo = useMutation({
    mutationFn: () => unwrap(api.POST('/bulk-operations/{id}/undo', { params: { path: { id } } })),
    onSuccess: () => void op.refetch(),
  });
  if (op.isPending) return <main id="main"><Loading /></main>;
  if (op.isError) return <main id="main"><ProblemMessage error={op.error} /></main>;
  const o = op.data;
  const applied = o.items.filter((i) => i.outcome === 'applied').length;
  const undoable = o.phase === 'done' && o.items.some((i) => i.undoPreview?.possible);

  return (
    <main id="main">
      <h1>{w.kinds[o.kind]} — {w.title}</h1>
      <p>{w.phase} <strong data-testid="bulk-phase" data-phase={o.phase}>{w.phases[o.phase]}</strong></p>
      <section aria-labelledby="bulk-progress-title">
        <h2 id="bulk-progress-title">{w.progress}</h2>
        <progress id="bulk-progress" max={Math.max(1, o.total)} value={o.processed} aria-labelledby="bulk-progress-title" aria-describedby="bulk-progress-text" />
        <p id="bulk-progress-text" aria-live="polite">{w.processed(o.processed, o.total)}</p>
        {o.phase !== 'running' && <Status>{o.phase === 'undone' ? w.undoneMessage : w.finished(applied, o.total)}</Status>}
      </section>
      <table data-testid="bulk-items">
        <caption className="visually-hidden">{w.title}</caption>
        <thead><tr><th scope="col">{w.candidate}</th><th scope="col">{w.outcome}</th><th scope="col">{w.undoCol}</th></tr></thead>
        <tbody>
          {o.items.map((i) => (
            <tr key={i.candidateId}>
              <th scope="row"><Link to={`/console/candidates/${i.candidateId}`}>{i.name}</Link></th>
              <td>{i.outcome ? w.outcomes[i.outcome] : '…'}{i.reason ? ` — ${i.reason[lang]}` : ''}</td>
              <td>
                {i.undo ? <>{w.undoStates[i.undo]}{i.undoReason ? ` — ${i.undoReason[lang]}` : ''}</>
                  : i.undoPreview ? (i.undoPreview.possible ? w.undoPossible : `${w.undoStates.cannot} — ${i.undoPreview.reason?.[lang] ?? ''}`) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {undoable && (
        <section aria-labelledby="undo-title">
          <h2 id="undo-title" className="visually-hidden">{w.undo}</h2>
          {o.undoUntil && <p>{w.undoUntil(formatParis(o.undoUntil, lang))}</p>}
          {!confirming ? <button type="button" onClick={() => setConfirming(true)}>{w.undo}</button>
            : <button type="button" onClick={() => undo.mutate()} disabled={undo.isPending} autoFocus>{w.undoConfirm}</button>}
          <ProblemMessage error={undo.error} />
        </section>
      )}
    </main>
  );
}
