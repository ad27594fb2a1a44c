// A cohort's dashboard: journeys per stage (a funnel drawn beside its numbers), overdue count, quota
// gauges; each figure links to the filtered candidate list.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, unwrapAs } from '../api/client';
import type { StageCount } from '../api/types';
import { ProblemMessage } from '../components/forms';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useCan } from '../session';
import { EditCohort, type CohortFields } from './EditCohort';

const STAGE_ORDER = ['dossier', 'eligibility', 'selection', 'interview', 'admission', 'training', 'vae_evidence', 'certification_jury', 'follow_up', 'closed'];

interface Quotas {
  admitted: { byRight: number; derogationA: number; derogationB: number; total: number };
  limits: { derogationA: number | null; derogationB: number | null };
  placesLeftNow: { derogationA: number; derogationB: number };
  capacity: number | null;
  capacityLeft: number | null;
}

export function CohortDashboard({ id }: { id: string }) {
  const { t } = useI18n();
  const can = useCan();
  const cohort = useQuery({ queryKey: ['cohort', id], queryFn: () => unwrapAs<CohortFields & { code: string; candidates: number }>(api.GET('/cohorts/{id}', { params: { path: { id } } })) });
  const stages = useQuery({
    queryKey: ['stages', id],
    queryFn: () => unwrapAs<{ items: StageCount[]; total: number; overdue: number }>(api.GET('/dashboard/stages', { params: { query: { cohortId: id } } })),
    refetchInterval: 5000,
  });
  const attention = useQuery({ queryKey: ['attention', id], queryFn: () => unwrap(api.GET('/dashboard/attention', { params: { query: { cohortId: id } } })), refetchInterval: 5000 });
  const quotas = useQuery({ queryKey: ['quotas', id], queryFn: () => unwrapAs<Quotas>(api.GET('/cohorts/{id}/quotas', { params: { path: { id } } })) });
  if (cohort.isPending) return <main id="main"><Loading /></main>;
  if (cohort.isError) return <main id="main"><ProblemMessage error={cohort.error} /></main>;

  const perStage = new Map<string, { count: number; overdue: number }>();
  for (const row of stages.data?.items ?? []) {
    const s = perStage.get(row.stage) ?? { count: 0, overdue: 0 };
    perStage.set(row.stage, { count: s.count + row.count, overdue: s.overdue + row.overdue });
  }
  const max = Math.max(1, ...[...perStage.values()].map((s) => s.count));
  const list = (extra: string) => `/console/candidates?cohortId=${id}${extra}`;

  return (
    <main id="main">
      <h1>{t.dashboard.title} — {cohort.data.code}</h1>
      <p>{cohort.data.label}</p>
      <ul className="actions-bar">
        {can.admissions && <li><Link to={`/console/cohorts/${id}/import`}>{t.dashboard.import}</Link></li>}
        <li><Link to={list('')}>{t.dashboard.list}</Link></li>
        <li><Link to={`/console/workload?cohortId=${id}`}>{t.dashboard.workload}</Link></li>
      </ul>

      <section aria-labelledby="funnel">
        <h2 id="funnel">{t.dashboard.perStage}</h2>
        {stages.isPending ? <Loading /> : stages.isError ? <ProblemMessage error={stages.error} /> : (
          <>
            <p className="figures">
              <span>{t.dashboard.total} : <strong data-testid="total">{stages.data.total}</strong></span>{' '}
              <span>{t.dashboard.overdueTotal} : <Link to={list('&overdue=true')}><strong data-testid="overdue">{stages.data.overdue}</strong></Link></span>
            </p>
            {stages.data.total === 0 ? <p>{t.dashboard.empty}</p> : (
              <table className="funnel">
                <caption className="visually-hidden">{t.dashboard.perStage}</caption>
                <thead><tr><th scope="col">{t.dashboard.stage}</th><th scope="col">{t.dashboard.count}</th><th scope="col">{t.dashboard.overdue}</th></tr></thead>
                <tbody>
                  {STAGE_ORDER.filter((s) => perStage.has(s)).map((stage) => {
                    const s = perStage.get(stage)!;
                    return (
                      <tr key={stage}>
                        <th scope="row"><Link to={list(`&stage=${stage}`)}>{t.stages[stage] ?? stage}</Link></th>
                        <td>
                          <span className="bar" aria-hidden="true" style={{ width: `${Math.max(2, (s.count * 100) / max)}%` }} />
                          <span className="bar-value">{s.count}</span>
                        </td>
                        <td>{s.overdue}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="attention">
        <h2 id="attention">{t.dashboard.attention}</h2>
        {attention.isPending ? <Loading /> : attention.isError ? <ProblemMessage error={attention.error} /> : (
          <>
            <p>{t.dashboard.failedEmails} : <strong data-testid="failed-emails">{attention.data.failedEmails}</strong></p>
            {attention.data.awaiting.length === 0 ? <p>{t.dashboard.nothingAwaited}</p> : (
              <table data-testid="attention">
                <caption className="visually-hidden">{t.dashboard.attention}</caption>
                <thead><tr><th scope="col">{t.dashboard.by}</th><th scope="col">{t.dashboard.action}</th><th scope="col">{t.dashboard.waiting}</th><th scope="col">{t.dashboard.late}</th></tr></thead>
                <tbody>
                  {attention.data.awaiting.map((a) => (
                    <tr key={`${a.role}-${a.what}`}>
                      <td>{t.who[a.role] ?? a.role}</td>
                      <th scope="row"><Link to={list(`&awaiting=${a.what}`)}>{t.awaited[a.what] ?? a.what}</Link></th>
                      <td>{a.count}</td>
                      <td>{a.overdue}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="quotas">
        <h2 id="quotas">{t.dashboard.quotas}</h2>
        {quotas.isPending ? <Loading /> : quotas.isError ? <ProblemMessage error={quotas.error} /> : (
          <dl className="quotas">
            <dt>{t.dashboard.byRight}</dt><dd>{quotas.data.admitted.byRight}</dd>
            <dt>{t.dashboard.derogA}</dt>
            <dd>
              <meter min={0} max={Math.max(1, quotas.data.admitted.derogationA + quotas.data.placesLeftNow.derogationA)} value={quotas.data.admitted.derogationA} aria-label={t.dashboard.derogA} />{' '}
              {quotas.data.admitted.derogationA} {t.dashboard.admitted.toLowerCase()}, {quotas.data.placesLeftNow.derogationA} {t.dashboard.placesLeft.toLowerCase()}
            </dd>
            <dt>{t.dashboard.derogB}</dt>
            <dd>
              <meter min={0} max={Math.max(1, quotas.data.admitted.derogationB + quotas.data.placesLeftNow.derogationB)} value={quotas.data.admitted.derogationB} aria-label={t.dashboard.derogB} />{' '}
              {quotas.data.admitted.derogationB} {t.dashboard.admitted.toLowerCase()}, {quotas.data.placesLeftNow.derogationB} {t.dashboard.placesLeft.toLowerCase()}
            </dd>
            {quotas.data.capacity !== null && (<><dt>{t.cohorts.capacity}</dt><dd>{quotas.data.admitted.total} / {quotas.data.capacity}</dd></>)}
          </dl>
        )}
      </section>
      {can.admissions && <EditCohort cohort={cohort.data} />}
    </main>
  );
}
