// What has been decided and graded for a candidate: eligibility, admission, each jury with its members
// (and, for the certification jury, each member's decision, a superseded one struck through), assessment grades, internship periods, thesis.
import { useQuery } from '@tanstack/react-query';
import { api, unwrapAs } from '../api/client';
import { formatParis, useI18n } from '../i18n';
import { useCan } from '../session';
import { ProcesVerbalFiles } from './ProcesVerbal';

interface Decisions {
  eligibility: { category: string } | null;
  admission: { category: string; admittedAt: string; withdrawnAt: string | null } | null;
  juries: {
    id: string;
    kind: string;
    outcome?: string | null;
    members: { id: string; name: string; kind: string }[];
    decisions: { id: string; memberId: string; decision: string; decidedAt: string; supersededAt: string | null }[];
  }[];
}

interface Grades {
  assessments: { id: string; blockCode: string; assessmentCode: string; attempt: number; grade: string }[];
  internships: { id: string; organisation: string; startOn: string; endOn: string; confirmedAt: string | null }[];
  thesis: { grade: string | null; defenceOn: string | null; validated: boolean | null } | null;
}

export function CandidateRecords({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const decisions = useQuery({ queryKey: ['decisions', id], queryFn: () => unwrapAs<Decisions>(api.GET('/candidates/{id}/decisions', { params: { path: { id } } })), refetchInterval: 3000 });
  const grades = useQuery({ queryKey: ['grades', id], queryFn: () => unwrapAs<Grades>(api.GET('/candidates/{id}/grades', { params: { path: { id } } })), refetchInterval: 10_000 });
  const d = decisions.data;
  const g = grades.data;
  return (
    <>
      <section aria-labelledby="decisions">
        <h2 id="decisions">{t.records.decisions}</h2>
        {d && (
          <>
            <p>{t.records.eligibility} {d.eligibility ? t.records.categories[d.eligibility.category] ?? d.eligibility.category : '—'}</p>
            <p>{t.records.admission} {d.admission ? `${t.records.categories[d.admission.category] ?? d.admission.category}, ${formatParis(d.admission.admittedAt, lang, false)}` : '—'}</p>
            {d.juries.length === 0 ? <p>{t.records.noJury}</p> : (
              <ul data-testid="juries">
                {d.juries.map((j) => (
                  <li key={j.id}>
                    <strong>{t.records.juryKinds[j.kind] ?? j.kind}</strong>{j.outcome ? ` — ${t.records.juryOutcomes[j.outcome] ?? j.outcome}` : ''}
                    <ul>
                      {j.members.map((m) => {
                        // Members' decisions are recorded per member for the certification jury; the other
                        // steps' decisions are in the timeline.
                        if (j.kind !== 'certification') return <li key={m.id}>{m.name} ({t.actions.kinds[m.kind] ?? m.kind})</li>;
                        const own = j.decisions.filter((x) => x.memberId === m.id);
                        return (
                          <li key={m.id}>
                            {m.name} :{' '}
                            {own.length === 0 ? t.records.awaited : own.map((x) => (
                              x.supersededAt
                                ? <del key={x.id}>{t.records.decisionWords[x.decision] ?? x.decision} ({formatParis(x.decidedAt, lang)})</del>
                                : <span key={x.id}>{t.records.decisionWords[x.decision] ?? x.decision} ({formatParis(x.decidedAt, lang)})</span>
                            ))}
                          </li>
                        );
                      })}
                    </ul>
                    {j.kind === 'certification' && j.outcome && can.admissionsOrJury && <ProcesVerbalFiles juryId={j.id} />}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="grades">
        <h2 id="grades">{t.records.grades}</h2>
        {g && (
          g.assessments.length === 0 && g.internships.length === 0 && !g.thesis ? <p>{t.records.noGrade}</p> : (
            <>
              {g.assessments.length > 0 && (
                <table>
                  <caption>{t.records.assessments}</caption>
                  <thead><tr><th scope="col">{t.records.block}</th><th scope="col">{t.records.assessment}</th><th scope="col">{t.records.attempt}</th><th scope="col">{t.records.grade}</th></tr></thead>
                  <tbody>{g.assessments.map((a) => <tr key={a.id}><td>{a.blockCode}</td><td>{a.assessmentCode}</td><td>{a.attempt}</td><td>{Number(a.grade).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB')} / 20</td></tr>)}</tbody>
                </table>
              )}
              {g.internships.map((p) => <p key={p.id}>{t.records.internship} {p.organisation}, {formatParis(p.startOn, lang, false)} – {formatParis(p.endOn, lang, false)}{p.confirmedAt ? ` (${t.records.confirmed})` : ''}</p>)}
              {g.thesis && <p>{t.records.thesis} {g.thesis.grade !== null ? `${Number(g.thesis.grade).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB')} / 20` : '—'}</p>}
            </>
          )
        )}
      </section>
    </>
  );
}
