// Correcting a candidate's identity (admissions), always with the reason, which goes to the audit trail.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, unwrap } from '../api/client';
import { errorsFor, ProblemMessage, SelectField, TextField } from '../components/forms';
import { useI18n } from '../i18n';

interface Identity {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  language: string;
}

export function EditIdentity({ candidate, onDone }: { candidate: Identity; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const initial = { firstName: candidate.firstName, lastName: candidate.lastName, email: candidate.email, phone: candidate.phone ?? '', language: candidate.language, reason: '' };
  const [form, setForm] = useState(initial);
  const save = useMutation({
    mutationFn: () => {
      // Only what changed is sent (with the reason).
      const changed = Object.fromEntries(
        (['firstName', 'lastName', 'email', 'phone', 'language'] as const)
          .filter((k) => form[k] !== initial[k])
          .map((k) => [k, k === 'phone' && form.phone === '' ? null : form[k]]),
      );
      return unwrap(api.PATCH('/candidates/{id}', { params: { path: { id: candidate.id } }, body: { ...changed, reason: form.reason } as never, headers: { 'Idempotency-Key': crypto.randomUUID() } }));
    },
    onSuccess: () => {
      setOpen(false);
      onDone(t.identity.saved);
      void queryClient.invalidateQueries({ queryKey: ['candidate', candidate.id] });
      void queryClient.invalidateQueries({ queryKey: ['timeline', candidate.id] });
    },
  });
  if (!open) return <button type="button" onClick={() => { setForm(initial); save.reset(); setOpen(true); }}>{t.identity.edit}</button>;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const emailErrors = save.error instanceof ApiProblem && save.error.status === 409 ? [t.identity.emailTaken] : errorsFor(save.error, 'body.email', t);
  return (
    <form onSubmit={submit} noValidate className="action" aria-labelledby="identity-edit-title">
      <h3 id="identity-edit-title">{t.identity.title}</h3>
      <TextField label={t.identity.firstName} name="firstName" value={form.firstName} onChange={set('firstName')} errors={errorsFor(save.error, 'body.firstName', t)} />
      <TextField label={t.identity.lastName} name="lastName" value={form.lastName} onChange={set('lastName')} errors={errorsFor(save.error, 'body.lastName', t)} />
      <TextField label={t.candidate.email} name="email" type="email" value={form.email} onChange={set('email')} errors={emailErrors} />
      <TextField label={t.candidate.phone} name="phone" type="tel" value={form.phone} onChange={set('phone')} errors={errorsFor(save.error, 'body.phone', t)} />
      <SelectField label={t.candidate.language} name="language" value={form.language} onChange={set('language')} errors={errorsFor(save.error, 'body.language', t)}>
        <option value="fr">Français</option>
        <option value="en">English</option>
      </SelectField>
      <TextField label={t.identity.reason} name="reason" value={form.reason} onChange={set('reason')} errors={errorsFor(save.error, 'body.reason', t)} />
      <button type="submit" disabled={save.isPending}>{t.identity.save}</button>{' '}
      <button type="button" onClick={() => setOpen(false)}>{t.staff.cancel}</button>
      <ProblemMessage error={save.error} fieldPaths={['body.firstName', 'body.lastName', 'body.email', 'body.phone', 'body.language', 'body.reason']} />
    </form>
  );
}
