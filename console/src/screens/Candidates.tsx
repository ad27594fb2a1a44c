// The candidate list: filters kept in the address (shareable, back button works), server-side cursor
// pagination, CSV export of the same selection; for admissions, ticks and a bulk operation on them.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, unwrapAs } from '../api/client';
import type { CandidateListRow, Page } from '../api/types';
import { ProblemMessage, SelectField, TextField } from '../components/forms';
import { Loading } from '../components/Loading';
import { formatParis, useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { useCan } from '../session';
import { BulkPanel } from './BulkPanel';

const STAGES = ['dossier', 'eligibility', 'selection', 'interview', 'admission', 'awaiting_quota', 'training', 'vae_evidence', 'certification_jury', 'follow_up', 'closed'] as const;
const ROUTES = ['student', 'apprenticeship', 'continuing_education', 'professionalisation', 'individual', 'vae'] as const;
const FILTERS = ['cohortId', 'q', 'stage', 'route', 'overdue', 'awaiting'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

export function Candidates({ search }: { search: URLSearchParams }) {
  const { t, lang } = useI18n();
  const filters: Filters = Object.fromEntries(FILTERS.flatMap((k) => (search.get(k) ? [[k, search.get(k)!]] : [])));
  const cursor = search.get('cursor') ?? undefined;
  const pageNo = Number(search.get('page') ?? '1');
  const [draft, setDraft] = useState(filters);
  const can = useCan();
  const [checked, setChecked] = useState<string[]>([]);
  const tick = (id: string, on: boolean) => setChecked((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
  const query = { ...filters, ...(cursor ? { cursor } : {}), limit: 25 } as Record<string, string | number>;
  const list = useQuery({
    queryKey: ['candidates', query],
    queryFn: () => unwrapAs<Page<CandidateListRow>>(api.GET('/candidates', { params: { query: query as never } })),
    placeholderData: (previous) => previous,
  });
  const go = (next: Filters & { cursor?: string; page?: string }) => {
    const params = new URLSearchParams(Object.entries(next).filter(([, v]) => v) as [string, string][]);
    navigate(`/console/candidates${params.size ? `?${params}` : ''}`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go(draft);
  };
  const exportUrl = `/candidates/export.csv?${new URLSearchParams(filters as Record<string, string>)}`;

  return (
    <main id="main">
      <h1>{t.list.title}</h1>
      <form onSubmit={submit} className="filters" aria-label={t.list.filters}>
        <TextField label={t.list.q} name="q" type="search" value={draft.q ?? ''} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        <SelectField label={t.list.stage} name="stage" value={draft.stage ?? ''} onChange={(e) => setDraft({ ...draft, stage: e.target.value })}>
          <option value="">{t.list.any}</option>
          {STAGES.map((s) => <option key={s} value={s}>{t.stages[s]}</option>)}
        </SelectField>
        <SelectField label={t.list.route} name="route" value={draft.route ?? ''} onChange={(e) => setDraft({ ...draft, route: e.target.value })}>
          <option value="">{t.list.any}</option>
          {ROUTES.map((r) => <option key={r} value={r}>{t.routes[r]}</option>)}
        </SelectField>
        <SelectField label={t.candidate.awaiting} name="awaiting" value={draft.awaiting ?? ''} onChange={(e) => setDraft({ ...draft, awaiting: e.target.value })}>
          <option value="">{t.list.any}</option>
          {Object.entries(t.awaited).map(([code, words]) => <option key={code} value={code}>{words}</option>)}
        </SelectField>
        <div className="field checkbox">
          <input id="f-overdue" type="checkbox" checked={draft.overdue === 'true'} onChange={(e) => setDraft({ ...draft, overdue: e.target.checked ? 'true' : '' })} />
          <label htmlFor="f-overdue">{t.list.overdue}</label>
        </div>
        <button type="submit">{t.list.apply}</button>
      </form>
      <p><a href={exportUrl} download>{t.list.export}</a></p>
      {list.isPending ? <Loading /> : list.isError ? <ProblemMessage error={list.error} /> : list.data.items.length === 0 ? <p>{t.list.none}</p> : (
        <>
          <table>
            <caption className="visually-hidden">{t.list.title} — {t.list.page(pageNo)}</caption>
            <thead>
              <tr>
                {can.admissions && (
                  <th scope="col">
                    <input type="checkbox" id="tick-page" aria-label={t.ops.bulk.selectPage} checked={list.data.items.length > 0 && list.data.items.every((c) => checked.includes(c.id))}
                      onChange={(e) => setChecked(e.target.checked ? [...new Set([...checked, ...list.data.items.map((c) => c.id)])] : checked.filter((id) => !list.data.items.some((c) => c.id === id)))} />
                  </th>
                )}
                <th scope="col">{t.list.name}</th><th scope="col">{t.list.ref}</th><th scope="col">{t.list.email}</th><th scope="col">{t.list.stage}</th><th scope="col">{t.list.route}</th><th scope="col">{t.candidate.awaiting}</th><th scope="col">{t.list.due}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  {can.admissions && (
                    <td><input type="checkbox" aria-label={t.ops.bulk.select(`${c.lastName.toUpperCase()} ${c.firstName}`)} checked={checked.includes(c.id)} onChange={(e) => tick(c.id, e.target.checked)} /></td>
                  )}
                  <th scope="row"><Link to={`/console/candidates/${c.id}`}>{c.lastName.toUpperCase()} {c.firstName}</Link></th>
                  <td>{c.externalRef ?? '—'}</td>
                  <td>{c.email}</td>
                  <td>{c.journey?.stage ? t.stages[c.journey.stage] ?? c.journey.stage : '—'}{c.journey?.overdue ? <strong className="late"> ({t.dashboard.overdue.toLowerCase()})</strong> : null}</td>
                  <td>{t.routes[c.route] ?? c.route}</td>
                  <td>{(c.journey?.awaiting ?? []).map((a) => t.awaited[a.what] ?? a.what).join(', ') || '—'}</td>
                  <td>{formatParis(c.journey?.nextDueAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav aria-label={t.list.page(pageNo)} className="pager">
            {pageNo > 1 && <button type="button" onClick={() => window.history.back()}>{t.list.prev}</button>}
            <span>{t.list.page(pageNo)}</span>
            {list.data.nextCursor && <button type="button" onClick={() => go({ ...filters, cursor: list.data.nextCursor!, page: String(pageNo + 1) })}>{t.list.next}</button>}
          </nav>
        </>
      )}
      {can.admissions && <BulkPanel checked={checked} filters={filters as Record<string, string>} />}
    </main>
  );
}
