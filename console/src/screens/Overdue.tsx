// What is late: each action past its deadline, who is awaited (named), since when; one click sends that
// person's last email again as a reminder, or extends the deadline by a week. Buttons follow the role.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ProblemMessage, Status } from '../components/forms';
import { Loading } from '../components/Loading';
import { formatParis, useI18n } from '../i18n';
import { Link } from '../router';
import { useCan } from '../session';

type Step = 'dossier' | 'selectionReview' | 'interviewSlotChoice' | 'interviewDecision' | 'thesisSubmission' | 'vaeEvidenceSubmission' | 'juryDecision' | 'followUpSurvey';
const key = () => ({ 'Idempotency-Key': crypto.randomUUID() });

export function Overdue({ search }: { search: URLSearchParams }) {
  const { t, lang } = useI18n();
  const w = t.ops.overdue;
  const can = useCan();
  const queryClient = useQueryClient();
  const cohortId = search.get('cohortId') ?? undefined;
  const [done, setDone] = useState<string>();
  const list = useQuery({
    queryKey: ['overdue', cohortId],
    queryFn: () => unwrap(api.GET('/dashboard/overdue', { params: { query: { limit: 100, ...(cohortId ? { cohortId } : {}) } } })),
    refetchInterval: 10_000,
  });
  const after = (message: string) => {
    setDone(message);
    void queryClient.invalidateQueries({ queryKey: ['overdue'] });
  };
  const remind = useMutation({
    mutationFn: (v: { candidateId: string; emailId: string; name: string }) => unwrap(api.POST('/candidates/{id}/emails/{emailId}/resend', { params: { path: { id: v.candidateId, emailId: v.emailId } }, headers: key() })),
    onSuccess: (_r, v) => after(w.reminded(v.name)),
  });
  const extend = useMutation({
    mutationFn: (v: { candidateId: string; step: string; name: string }) => unwrap(api.POST('/candidates/{id}/actions/extend-deadline', { params: { path: { id: v.candidateId } }, body: { step: v.step as Step, days: 7 }, headers: key() })),
    onSuccess: (_r, v) => after(w.extended(v.name)),
  });
  const rows = (list.data?.items ?? []).flatMap((j) => j.late.map((a, i) => ({ j, a, key: `${j.journeyId}-${a.what}-${i}` })));

  return (
    <main id="main">
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      {done && <Status>{done}</Status>}
      <ProblemMessage error={remind.error ?? extend.error} />
      {list.isPending ? <Loading /> : list.isError ? <ProblemMessage error={list.error} /> : rows.length === 0 ? <p>{w.none}</p> : (
        <table data-testid="overdue">
          <caption className="visually-hidden">{w.title}</caption>
          <thead>
            <tr><th scope="col">{w.candidate}</th><th scope="col">{w.stage}</th><th scope="col">{w.what}</th><th scope="col">{w.who}</th><th scope="col">{w.since}</th>{can.admissionsOrJury && <th scope="col">{w.actions}</th>}</tr>
          </thead>
          <tbody>
            {rows.map(({ j, a, key: k }) => (
              <tr key={k}>
                <th scope="row"><Link to={`/console/candidates/${j.candidateId}`}>{j.candidateName}</Link></th>
                <td>{t.stages[j.stage] ?? j.stage}</td>
                <td>{t.awaited[a.what] ?? a.what}</td>
                <td>{a.personName} <span className="muted">({t.who[a.role] ?? a.role})</span></td>
                <td>{formatParis(a.dueAt, lang)}</td>
                {can.admissionsOrJury && (
                  <td className="row-actions">
                    {can.admissions && a.reminderEmailId && (
                      <button type="button" disabled={remind.isPending} onClick={() => remind.mutate({ candidateId: j.candidateId, emailId: a.reminderEmailId!, name: a.personName })}>{w.remind(a.personName, j.candidateName)}</button>
                    )}
                    {a.step && (
                      <button type="button" disabled={extend.isPending} onClick={() => extend.mutate({ candidateId: j.candidateId, step: a.step!, name: j.candidateName })}>{w.extend(j.candidateName)}</button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
