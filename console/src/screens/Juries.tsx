// Juries: the people registered on a jury; for a certification jury, the candidate's known conflicts of
// interest are shown before choosing members, the composition is checked against the referential with
// the reasons in words, then composed through the journey (which checks again).
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap, unwrapAs } from '../api/client';
import type { CandidateListRow, Page } from '../api/types';
import { errorsFor, ProblemMessage, SelectField, Status, TextField } from '../components/forms';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';
import { useCan } from '../session';

const SEATS = 3;

export function Juries() {
  const { t } = useI18n();
  const w = t.ops.juries;
  const can = useCan();
  const people = useQuery({ queryKey: ['jury-people'], queryFn: () => unwrap(api.GET('/jury-people', { params: { query: {} } })) });
  return (
    <main id="main">
      <h1>{w.title}</h1>
      <section aria-labelledby="people-title">
        <h2 id="people-title">{w.people}</h2>
        {people.isPending ? <Loading /> : people.isError ? <ProblemMessage error={people.error} /> : people.data.items.length === 0 ? <p>{w.none}</p> : (
          <table data-testid="jury-people">
            <caption className="visually-hidden">{w.people}</caption>
            <thead><tr><th scope="col">{w.name}</th><th scope="col">{w.email}</th><th scope="col">{w.kind}</th><th scope="col">{w.inActivity}</th></tr></thead>
            <tbody>
              {people.data.items.map((p) => (
                <tr key={p.personRef}><th scope="row">{p.name}</th><td>{p.email}</td><td>{w.kinds[p.kind]}</td><td>{p.inActivity ? t.ops.yes : t.ops.no}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {can.jury && people.data && <ComposeCertificationJury people={people.data.items} />}
    </main>
  );
}

type Person = { personRef: string; name: string; email: string; kind: 'school' | 'external_professional'; inActivity: boolean };

function ComposeCertificationJury({ people }: { people: Person[] }) {
  const { t, lang } = useI18n();
  const w = t.ops.juries;
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [candidateId, setCandidateId] = useState('');
  const [seats, setSeats] = useState<string[]>(Array(SEATS).fill(''));
  const [sittingOn, setSittingOn] = useState('');
  const [trainers, setTrainers] = useState('');
  const found = useQuery({ queryKey: ['candidates', { q: search }], queryFn: () => unwrapAs<Page<CandidateListRow>>(api.GET('/candidates', { params: { query: { q: search, limit: 20 } } })), enabled: search.length > 0 });
  const conflicts = useQuery({ queryKey: ['jury-conflicts', candidateId], queryFn: () => unwrap(api.GET('/candidates/{id}/jury-conflicts', { params: { path: { id: candidateId } } })), enabled: !!candidateId });
  const members = () => seats.map((ref) => people.find((p) => p.personRef === ref)).filter((p): p is Person => !!p).map((p) => ({ name: p.name, email: p.email, kind: p.kind, inActivity: p.inActivity }));
  const trainerList = () => trainers.split(',').map((s) => s.trim()).filter(Boolean);
  const check = useMutation({ mutationFn: () => unwrap(api.POST('/candidates/{id}/certification-jury/check', { params: { path: { id: candidateId } }, body: { members: members(), trainerAndAssessorIds: trainerList() } })) });
  const compose = useMutation({
    mutationFn: () => unwrap(api.POST('/candidates/{id}/actions/compose-jury', { params: { path: { id: candidateId } }, body: { sittingOn, members: members(), trainerAndAssessorIds: trainerList() }, headers: { 'Idempotency-Key': crypto.randomUUID() } })),
  });
  const conflictOf = (ref: string) => conflicts.data?.items.find((c) => c.personRef === ref || c.email.toLowerCase() === ref);
  const find = (e: FormEvent) => {
    e.preventDefault();
    setSearch(q.trim());
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    check.reset();
    compose.mutate();
  };

  return (
    <section aria-labelledby="compose-title">
      <h2 id="compose-title">{w.composeTitle}</h2>
      <form onSubmit={find} className="filters" aria-label={w.find}>
        <TextField label={w.candidate} name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">{w.find}</button>
      </form>
      {found.data && (
        <SelectField label={w.pick} name="candidateId" value={candidateId} onChange={(e) => { setCandidateId(e.target.value); check.reset(); compose.reset(); }}>
          <option value="">{t.ops.bulk.choose}</option>
          {found.data.items.map((c) => <option key={c.id} value={c.id}>{c.lastName.toUpperCase()} {c.firstName}{c.externalRef ? ` (${c.externalRef})` : ''}</option>)}
        </SelectField>
      )}
      {candidateId && conflicts.data && (
        <>
          <h3>{w.conflicts}</h3>
          {conflicts.data.items.length === 0 ? <p>{w.noConflict}</p> : (
            <ul data-testid="conflicts">
              {conflicts.data.items.map((c) => <li key={c.personRef}>{c.name} ({c.email}) : {c.reasons.map((r) => w.reasons[r]).join(', ')}</li>)}
            </ul>
          )}
          <form onSubmit={submit} noValidate className="action">
            <fieldset>
              <legend>{w.members}</legend>
              {seats.map((ref, i) => {
                const conflict = ref ? conflictOf(ref) : undefined;
                return (
                  <SelectField key={i} label={`${w.members} ${i + 1}`} name={`seat-${i}`} value={ref} hint={conflict ? `${w.conflict} : ${conflict.reasons.map((r) => w.reasons[r]).join(', ')}` : undefined}
                    onChange={(e) => { check.reset(); setSeats(seats.map((s, j) => (j === i ? e.target.value : s))); }}>
                    <option value="">{t.ops.bulk.choose}</option>
                    {people.map((p) => <option key={p.personRef} value={p.personRef}>{p.name} — {w.kinds[p.kind]}{conflictOf(p.personRef) ? ` — ${w.conflict}` : ''}</option>)}
                  </SelectField>
                );
              })}
            </fieldset>
            <TextField label={w.sittingOn} name="sittingOn" type="date" value={sittingOn} onChange={(e) => setSittingOn(e.target.value)} errors={errorsFor(compose.error, 'body.sittingOn', t)} />
            <TextField label={w.trainers} name="trainers" value={trainers} onChange={(e) => setTrainers(e.target.value)} />
            <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>{w.check}</button>
            <button type="submit" disabled={compose.isPending}>{w.compose}</button>
            {check.data && (check.data.valid ? <Status>{w.valid}</Status> : (
              <div role="alert" className="problem" data-testid="jury-reasons"><ul>{check.data.reasons.map((r) => <li key={r.code + r.fr}>{r[lang]}</li>)}</ul></div>
            ))}
            {compose.isSuccess && <Status>{w.composed}</Status>}
            <ProblemMessage error={check.error ?? compose.error} fieldPaths={['body.sittingOn']} />
          </form>
        </>
      )}
    </section>
  );
}
