// What falls due in the coming weeks (reviews, slot choices, interviews, gradings, juries), week by week
// (Monday, Paris time), by role and by person: to plan before the peak.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ProblemMessage } from '../components/forms';
import { Loading } from '../components/Loading';
import { formatParis, useI18n } from '../i18n';

export function Workload({ search }: { search: URLSearchParams }) {
  const { t, lang } = useI18n();
  const cohortId = search.get('cohortId') ?? undefined;
  const workload = useQuery({
    queryKey: ['workload', cohortId],
    queryFn: () => unwrap(api.GET('/dashboard/workload', { params: { query: { weeks: 8, ...(cohortId ? { cohortId } : {}) } } })),
    refetchInterval: 30_000,
  });
  const weeks = new Map<string, NonNullable<typeof workload.data>['items']>();
  for (const item of workload.data?.items ?? []) weeks.set(item.week, [...(weeks.get(item.week) ?? []), item]);
  return (
    <main id="main">
      <h1>{t.workload.title}</h1>
      <p>{t.workload.intro}</p>
      {workload.isPending ? <Loading /> : workload.isError ? <ProblemMessage error={workload.error} /> : weeks.size === 0 ? <p>{t.workload.none}</p> : (
        [...weeks.entries()].map(([week, items]) => (
          <section key={week} aria-labelledby={`week-${week}`}>
            <h2 id={`week-${week}`}>{t.workload.weekOf(formatParis(`${week}T12:00:00Z`, lang, false))}</h2>
            <table>
              <caption className="visually-hidden">{t.workload.weekOf(formatParis(`${week}T12:00:00Z`, lang, false))}</caption>
              <thead><tr><th scope="col">{t.workload.who}</th><th scope="col">{t.workload.person}</th><th scope="col">{t.workload.what}</th><th scope="col">{t.workload.count}</th></tr></thead>
              <tbody>
                {items.map((i) => (
                  <tr key={`${i.role}-${i.personRef ?? ''}-${i.what}`}>
                    <td>{t.who[i.role] ?? i.role}</td>
                    <td>{i.personName ?? '—'}</td>
                    <td>{t.awaited[i.what] ?? i.what}</td>
                    <td>{i.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
    </main>
  );
}
