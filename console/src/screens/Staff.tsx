// Staff accounts (administrators): who has access with which role; invite someone (they get a sign-in
// link); deactivate someone (asked twice; their sessions close at once).
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, unwrap } from '../api/client';
import type { Role } from '../api/types';
import { errorsFor, ProblemMessage, SelectField, Status, TextField } from '../components/forms';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';
import { useSession } from '../session';

const ROLES: Role[] = ['admin', 'admissions', 'jury_coordinator', 'read_only'];

export function Staff() {
  const { t } = useI18n();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const staff = useQuery({ queryKey: ['staff'], queryFn: () => unwrap(api.GET('/staff')) });
  const [confirming, setConfirming] = useState<string>();
  const [done, setDone] = useState<string>();
  const deactivate = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/staff/{id}/deactivate', { params: { path: { id } }, headers: { 'Idempotency-Key': crypto.randomUUID() } })),
    onSuccess: async (s) => {
      setConfirming(undefined);
      setDone(t.staff.done(s.name));
      await queryClient.invalidateQueries({ queryKey: ['staff'] });
    },
  });
  if (me.role !== 'admin') return <main id="main"><h1>{t.staff.title}</h1></main>;
  return (
    <main id="main">
      <h1>{t.staff.title}</h1>
      {done && <Status>{done}</Status>}
      <ProblemMessage error={deactivate.error} />
      {staff.isPending ? <Loading /> : staff.isError ? <ProblemMessage error={staff.error} /> : (
        <table>
          <caption className="visually-hidden">{t.staff.title}</caption>
          <thead><tr><th scope="col">{t.staff.name}</th><th scope="col">{t.staff.email}</th><th scope="col">{t.staff.role}</th><th scope="col">{t.staff.state}</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {staff.data.items.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{s.email}</td>
                <td>{t.roles[s.role]}</td>
                <td>{s.deactivatedAt ? t.staff.deactivated : t.staff.active}</td>
                <td>
                  {!s.deactivatedAt && s.id !== me.staffUserId && (confirming === s.id ? (
                    <>
                      <button type="button" onClick={() => deactivate.mutate(s.id)} disabled={deactivate.isPending}>{t.staff.confirm(s.name)}</button>{' '}
                      <button type="button" onClick={() => setConfirming(undefined)}>{t.staff.cancel}</button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirming(s.id)}>{t.staff.deactivate(s.name)}</button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Invite />
    </main>
  );
}

function Invite() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ email: '', name: '', role: 'admissions' as Role });
  const invite = useMutation({
    mutationFn: () => unwrap(api.POST('/staff', { body: form, headers: { 'Idempotency-Key': crypto.randomUUID() } })),
    onSuccess: async () => {
      setForm({ email: '', name: '', role: 'admissions' });
      await queryClient.invalidateQueries({ queryKey: ['staff'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };
  const emailErrors = invite.error instanceof ApiProblem && invite.error.status === 409 ? [t.staff.taken] : errorsFor(invite.error, 'body.email', t);
  return (
    <section aria-labelledby="invite-title">
      <h2 id="invite-title">{t.staff.inviteTitle}</h2>
      <form onSubmit={submit} noValidate>
        <TextField label={t.staff.email} name="email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} errors={emailErrors} />
        <TextField label={t.staff.name} name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} errors={errorsFor(invite.error, 'body.name', t)} />
        <SelectField label={t.staff.role} name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })} errors={errorsFor(invite.error, 'body.role', t)}>
          {ROLES.map((r) => <option key={r} value={r}>{t.roles[r]}</option>)}
        </SelectField>
        <button type="submit" disabled={invite.isPending}>{t.staff.invite}</button>
      </form>
      <ProblemMessage error={invite.error} fieldPaths={['body.email', 'body.name', 'body.role']} />
      {invite.isSuccess && <Status>{t.staff.invited(invite.data.email)}</Status>}
    </section>
  );
}
