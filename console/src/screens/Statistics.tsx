// The RNCP record's yearly table, with the certified count drawn as bars beside the numbers.
import { useQuery } from '@tanstack/react-query';
import { api, unwrapAs } from '../api/client';
import { ProblemMessage } from '../components/forms';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';

interface Year {
  year: number;
  certified: number;
  certifiedViaVae: number;
  answered6Months: number;
  employmentRate6Months: number | null;
  targetJobRate6Months: number | null;
  answered24Months: number;
  targetJobRate24Months: number | null;
}

const pct = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('fr-FR')} %`);

export function Statistics() {
  const { t } = useI18n();
  const stats = useQuery({ queryKey: ['statistics'], queryFn: () => unwrapAs<{ items: Year[] }>(api.GET('/statistics/yearly', { params: { query: {} } })) });
  const max = Math.max(1, ...(stats.data?.items ?? []).map((y) => y.certified));
  return (
    <main id="main">
      <h1>{t.stats.title}</h1>
      <p>{t.stats.intro}</p>
      {stats.isPending ? <Loading /> : stats.isError ? <ProblemMessage error={stats.error} /> : stats.data.items.length === 0 ? <p>{t.stats.none}</p> : (
        <table className="funnel">
          <caption className="visually-hidden">{t.stats.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t.stats.year}</th><th scope="col">{t.stats.certified}</th><th scope="col">{t.stats.vae}</th><th scope="col">{t.stats.answered6}</th>
              <th scope="col">{t.stats.employment6}</th><th scope="col">{t.stats.target6}</th><th scope="col">{t.stats.answered24}</th><th scope="col">{t.stats.target24}</th>
            </tr>
          </thead>
          <tbody>
            {stats.data.items.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td><span className="bar" aria-hidden="true" style={{ width: `${Math.max(2, (y.certified * 60) / max)}%` }} /><span className="bar-value">{y.certified}</span></td>
                <td>{y.certifiedViaVae}</td><td>{y.answered6Months}</td><td>{pct(y.employmentRate6Months)}</td><td>{pct(y.targetJobRate6Months)}</td>
                <td>{y.answered24Months}</td><td>{pct(y.targetJobRate24Months)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
