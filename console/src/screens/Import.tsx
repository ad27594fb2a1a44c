// CSV import: choose the file, send it, watch the progress bar while the server imports line by line,
// then read (and download) the per-line report.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap, unwrapAs } from '../api/client';
import type { ImportRow, Page } from '../api/types';
import { ProblemMessage, Status } from '../components/forms';
import { useI18n } from '../i18n';
import { Link } from '../router';

const COLUMNS = 'external_ref, first_name, last_name, email, phone, route, language, enrolled_blocks, extra_time_percent, degrees, qualifying_years, suitable_years, vapp_validated';

export function Import({ cohortId }: { cohortId: string }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const start = useMutation({
    mutationFn: async () => {
      const text = await file!.text();
      return unwrap(api.POST('/cohorts/{id}/imports', {
        params: { path: { id: cohortId } },
        body: text,
        headers: { 'Content-Type': 'text/csv', 'Idempotency-Key': crypto.randomUUID() },
        bodySerializer: (b: string) => b,
      }));
    },
  });
  const jobId = start.data?.id;
  const job = useQuery({
    queryKey: ['import', jobId],
    enabled: !!jobId,
    queryFn: () => unwrap(api.GET('/imports/{id}', { params: { path: { id: jobId! } } })),
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 300 : false),
  });
  const finished = job.data && job.data.status !== 'running';
  const rows = useQuery({
    queryKey: ['import-rows', jobId],
    enabled: !!finished,
    queryFn: async () => {
      const all: ImportRow[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrapAs<Page<ImportRow>>(api.GET('/imports/{id}/rows', { params: { path: { id: jobId! }, query: { limit: 200, ...(cursor ? { cursor } : {}) } } }));
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && all.length < 10_000);
      return all;
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) start.mutate();
  };
  const reasonsText = (r: ImportRow) => {
    if (!r.reasons) return '';
    if (Array.isArray(r.reasons)) return r.reasons.map((x) => (typeof x === 'object' && x ? `${(x as { column?: string; path?: string }).column ?? (x as { path?: string }).path ?? ''} : ${(x as { message?: string }).message ?? ''}` : String(x))).join(' ; ');
    return JSON.stringify(r.reasons);
  };
  const download = () => {
    const lines = [['line', 'external_ref', 'status', 'candidate_id', 'reasons'], ...(rows.data ?? []).map((r) => [String(r.line), r.externalRef ?? '', r.status, r.candidateId ?? '', reasonsText(r)])];
    const csv = lines.map((l) => l.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\r\n');
    const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `import-${jobId}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <main id="main">
      <h1>{t.importCsv.title}</h1>
      <p><Link to={`/console/cohorts/${cohortId}`}>← {t.dashboard.title}</Link></p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="csv-file">{t.importCsv.file}</label>
          <p id="csv-hint" className="hint">{t.importCsv.columns} {COLUMNS}</p>
          <input id="csv-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="csv-hint" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" disabled={!file || start.isPending || (!!jobId && !finished)}>{t.importCsv.start}</button>
      </form>
      <ProblemMessage error={start.error} />
      {job.data && (
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">{t.importCsv.progress}</h2>
          <progress id="import-progress" max={Math.max(1, job.data.total)} value={job.data.processed} aria-labelledby="progress-title" aria-describedby="progress-text" />
          <p id="progress-text" aria-live="polite">{t.importCsv.processed(job.data.processed, job.data.total)}</p>
          {job.data.status === 'completed' && <Status>{t.importCsv.done(job.data.accepted, job.data.rejected)}</Status>}
          {job.data.status === 'failed' && <p role="alert">{t.importCsv.failed} {job.data.error}</p>}
        </section>
      )}
      {rows.data && (
        <section aria-labelledby="report-title">
          <h2 id="report-title">{t.importCsv.report}</h2>
          <button type="button" onClick={download}>{t.importCsv.download}</button>
          <table>
            <caption className="visually-hidden">{t.importCsv.report}</caption>
            <thead><tr><th scope="col">{t.importCsv.line}</th><th scope="col">{t.importCsv.ref}</th><th scope="col">{t.importCsv.status}</th><th scope="col">{t.importCsv.reasons}</th></tr></thead>
            <tbody>
              {rows.data.map((r) => (
                <tr key={r.line} className={r.status === 'rejected' ? 'rejected' : undefined}>
                  <th scope="row">{r.line}</th>
                  <td>{r.candidateId ? <Link to={`/console/candidates/${r.candidateId}`}>{r.externalRef ?? t.importCsv.open}</Link> : r.externalRef ?? '—'}</td>
                  <td>{t.importCsv.statuses[r.status] ?? r.status}</td>
                  <td>{reasonsText(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
