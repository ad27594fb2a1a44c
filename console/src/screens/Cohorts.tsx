// Cohorts: the list, and (admissions) the form to open one, with the server's errors next to each field.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, unwrap } from '../api/client';
import { errorsFor, ProblemMessage, Status, TextField } from '../components/forms';
import { formatParis, useI18n } from '../i18n';
import { Link } from '../router';
import { useCan } from '../session';
import { Loading } from '../components/Loading';

export function Cohorts() {
  const { t, lang } = useI18n();
  const can = useCan();
  const cohorts = useQuery({ queryKey: ['cohorts'], queryFn: () => unwrap(api.GET('/cohorts', { params: { query: { limit: 200 } } })) });
  return (
    <main id="main">
      <h1>{t.cohorts.title}</h1>
      {cohorts.isPending ? <Loading /> : cohorts.isError ? <ProblemMessage error={cohorts.error} /> : cohorts.data.items.length === 0 ? <p>{t.cohorts.none}</p> : (
        <table>
          <caption className="visually-hidden">{t.cohorts.title}</caption>
          <thead>
            <tr><th scope="col">{t.cohorts.code}</th><th scope="col">{t.cohorts.label}</th><th scope="col">{t.cohorts.startsOn}</th><th scope="col">{t.cohorts.endsOn}</th><th scope="col">{t.cohorts.capacity}</th></tr>
          </thead>
          <tbody>
            {cohorts.data.items.map((c) => (
              <tr key={c.id}>
                <th scope="row"><Link to={`/console/cohorts/${c.id}`}>{c.code}</Link></th>
                <td>{c.label}</td>
                <td>{formatParis(`${c.startsOn}T12:00:00Z`, lang, false)}</td>
                <td>{c.endsOn ? formatParis(`${c.endsOn}T12:00:00Z`, lang, false) : '—'}</td>
                <td>{c.capacity ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can.admissions && <CreateCohort />}
    </main>
  );
}

function CreateCohort() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ code: '', label: '', referentialCode: 'RNCP37332', startsOn: '', endsOn: '', capacity: '' });
  const create = useMutation({
    mutationFn: async () => {
      const body = {
        code: form.code.trim(), label: form.label, referentialCode: form.referentialCode, startsOn: form.startsOn,
        ...(form.endsOn ? { endsOn: form.endsOn } : {}), ...(form.capacity ? { capacity: Number(form.capacity) } : {}),
      };
      try {
        return await unwrap(api.POST('/cohorts', { body, headers: { 'Idempotency-Key': crypto.randomUUID() } }));
      } catch (error) {
        // A taken code is about the code field: say it there.
        if (error instanceof ApiProblem && error.status === 409) throw new ApiProblem(409, error.title, error.detail, [{ path: 'body.code', message: 'code taken', code: 'code_taken' }]);
        throw error;
      }
    },
    onSuccess: async () => {
      setForm({ ...form, code: '', label: '', startsOn: '', endsOn: '', capacity: '' });
      await queryClient.invalidateQueries({ queryKey: ['cohorts'] });
    },
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const err = (path: string) => {
    if (create.error instanceof ApiProblem && create.error.errors.some((e) => e.path === path && e.code === 'code_taken')) return [t.cohorts.codeTaken];
    return errorsFor(create.error, path, t);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const paths = ['body.code', 'body.label', 'body.referentialCode', 'body.startsOn', 'body.endsOn', 'body.capacity'];
  return (
    <section aria-labelledby="create-cohort">
      <h2 id="create-cohort">{t.cohorts.createTitle}</h2>
      <form onSubmit={submit} noValidate>
        <TextField label={t.cohorts.code} name="code" hint={t.cohorts.codeHint} value={form.code} onChange={set('code')} errors={err('body.code')} />
        <TextField label={t.cohorts.label} name="label" value={form.label} onChange={set('label')} errors={err('body.label')} />
        <TextField label={t.cohorts.referential} name="referentialCode" value={form.referentialCode} onChange={set('referentialCode')} errors={err('body.referentialCode')} />
        <TextField label={t.cohorts.startsOn} name="startsOn" type="date" value={form.startsOn} onChange={set('startsOn')} errors={err('body.startsOn')} />
        <TextField label={t.cohorts.endsOn} name="endsOn" type="date" value={form.endsOn} onChange={set('endsOn')} errors={err('body.endsOn')} />
        <TextField label={t.cohorts.capacity} name="capacity" type="number" min={1} inputMode="numeric" value={form.capacity} onChange={set('capacity')} errors={err('body.capacity')} />
        <button type="submit" disabled={create.isPending}>{t.cohorts.create}</button>
      </form>
      <ProblemMessage error={create.error} fieldPaths={paths} />
      {create.isSuccess && <Status>{t.cohorts.created} <Link to={`/console/cohorts/${create.data.id}`}>{create.data.code}</Link></Status>}
    </section>
  );
}
