// Official records: the CPF declaration of certified holders. The awards to declare (each with its
// three-month deadline and, when the holder's identity is incomplete, the fields missing), those the CDC
// rejected (with its reason, and the holder's identity to correct: CpfIdentityEditor), those in a flux
// built but not deposited, those deposited and those declared; the school's CDC identifiers (CpfSettings);
// building a flux; then the fluxes (DeclarationFluxes).
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { ProblemMessage, Status } from '../components/forms';
import { Loading } from '../components/Loading';
import { formatParis, useI18n } from '../i18n';
import { Link } from '../router';
import { useCan } from '../session';
import { CpfIdentityEditor } from './CpfIdentityEditor';
import { CpfSettings, useCpfSettingsSet } from './CpfSettings';
import { DeclarationFluxes } from './DeclarationFluxes';

export type Award = paths['/declarations/cpf/awards']['get']['responses'][200]['content']['application/json']['items'][number];

export function Declarations() {
  const { t } = useI18n();
  const w = t.official.cpf;
  const can = useCan();
  const queryClient = useQueryClient();
  const settingsSet = useCpfSettingsSet();
  const [editing, setEditing] = useState<{ candidateId: string; name: string }>();
  const awards = useQuery({ queryKey: ['cpf-awards'], queryFn: () => unwrap(api.GET('/declarations/cpf/awards', { params: { query: {} } })) });
  const build = useMutation({
    mutationFn: () => unwrap(api.POST('/declarations/cpf', { body: {} })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['cpf'] }).then(() => queryClient.invalidateQueries({ queryKey: ['cpf-awards'] })),
  });
  if (awards.isPending) return <main id="main"><h1>{w.title}</h1><Loading /></main>;
  if (awards.isError) return <main id="main"><h1>{w.title}</h1><ProblemMessage error={awards.error} /></main>;
  const items = awards.data.items;
  const toDeclare = items.filter((a) => a.status === 'to_declare' && !a.rejection);
  const rejected = items.filter((a) => a.status === 'to_declare' && a.rejection);
  const names = new Map(items.map((a) => [a.juryId, a.name]));
  return (
    <main id="main">
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      <CpfSettings />
      <AwardTable id="to-declare" title={w.toDeclare} awards={toDeclare} onCorrect={can.admissions ? setEditing : undefined} />
      <AwardTable id="rejected" title={w.rejected} awards={rejected} onCorrect={can.admissions ? setEditing : undefined} />
      {editing && <CpfIdentityEditor key={editing.candidateId} {...editing} onClose={() => setEditing(undefined)} />}
      {can.admissions && settingsSet && (
        <section aria-labelledby="build-title" className="action">
          <h2 id="build-title" className="visually-hidden">{w.build}</h2>
          <button type="button" onClick={() => build.mutate()} disabled={build.isPending}>{w.build}</button>
          {build.data && <Status>{w.built(build.data.idFlux, build.data.lines.length)}{build.data.skipped.length > 0 && ` ${w.skipped(build.data.skipped.map((s) => s.name).join(', '))}`}</Status>}
          <ProblemMessage error={build.error} />
        </section>
      )}
      <DeclarationFluxes names={names} />
      <AwardTable id="built" title={w.inBuiltFlux} awards={items.filter((a) => a.status === 'pending' && !a.flux?.deposited)} />
      <AwardTable id="pending" title={w.pending} awards={items.filter((a) => a.status === 'pending' && a.flux?.deposited)} />
      <AwardTable id="declared" title={w.declared} awards={items.filter((a) => a.status === 'declared')} />
    </main>
  );
}

function AwardTable({ id, title, awards, onCorrect }: { id: string; title: string; awards: Award[]; onCorrect?: (holder: { candidateId: string; name: string }) => void }) {
  const { t, lang } = useI18n();
  const w = t.official.cpf;
  const now = Date.now();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title} ({awards.length})</h2>
      {awards.length === 0 ? <p>{w.none}</p> : (
        <table data-testid={`awards-${id}`}>
          <caption className="visually-hidden">{title}</caption>
          <thead><tr><th scope="col">{w.holder}</th><th scope="col">{w.awardedOn}</th><th scope="col">{w.dueOn}</th><th scope="col">{w.identity}</th></tr></thead>
          <tbody>
            {awards.map((a) => (
              <tr key={a.juryId}>
                <th scope="row"><Link to={`/console/candidates/${a.candidateId}`}>{a.name}</Link></th>
                <td>{formatParis(a.awardedAt, lang, false)}</td>
                <td>{formatParis(a.dueAt, lang, false)}{a.status !== 'declared' && Date.parse(a.dueAt) < now && <strong> ({w.overdue})</strong>}</td>
                <td>
                  {a.missing.length === 0 ? w.identityOk : w.missing([...new Set(a.missing.map((m) => w.fields[m.field.split('.')[0]!] ?? m.field))].join(', '))}
                  {a.flux && !a.flux.deposited && <><br />{w.inFlux(a.flux.idFlux)}</>}
                  {a.rejection?.reason && <><br /><strong>{w.rejectedBecause(a.rejection.reason)}</strong></>}
                  {onCorrect && <><br /><button type="button" className="secondary" onClick={() => onCorrect({ candidateId: a.candidateId, name: a.name })}>{w.identityForm.correct(a.name)}</button></>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
