// Editing a cohort (admissions): label, dates, capacity; and the specific recruitment context with its
// justification. The server's refusals appear next to their fields.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { errorsFor, ProblemMessage, Status, TextField } from '../components/forms';
import { useI18n } from '../i18n';

export interface CohortFields {
  id: string;
  label: string;
  startsOn: string;
  endsOn: string | null;
  capacity: number | null;
  specificRecruitmentContext: boolean;
  contextJustification: string | null;
}

export function EditCohort({ cohort }: { cohort: CohortFields }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ label: cohort.label, startsOn: cohort.startsOn, endsOn: cohort.endsOn ?? '', capacity: cohort.capacity === null ? '' : String(cohort.capacity) });
  const [context, setContext] = useState({ on: cohort.specificRecruitmentContext, justification: cohort.contextJustification ?? '' });
  const refresh = () => Promise.all([['cohort', cohort.id], ['quotas', cohort.id], ['cohorts']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  const save = useMutation({
    mutationFn: () => unwrap(api.PATCH('/cohorts/{id}', {
      params: { path: { id: cohort.id } },
      body: { label: form.label, startsOn: form.startsOn, endsOn: form.endsOn || null, capacity: form.capacity ? Number(form.capacity) : null },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    })),
    onSuccess: refresh,
  });
  const saveContext = useMutation({
    mutationFn: () => unwrap(api.PUT('/cohorts/{id}/recruitment-context', {
      params: { path: { id: cohort.id } },
      body: { specificRecruitmentContext: context.on, ...(context.on ? { justification: context.justification } : {}) },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    })),
    onSuccess: refresh,
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const err = (path: string) => errorsFor(save.error, path, t);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const submitContext = (e: FormEvent) => {
    e.preventDefault();
    saveContext.mutate();
  };
  return (
    <section aria-labelledby="edit-cohort">
      <h2 id="edit-cohort">{t.dashboard.editTitle}</h2>
      <form onSubmit={submit} noValidate>
        <TextField label={t.cohorts.label} name="label" value={form.label} onChange={set('label')} errors={err('body.label')} />
        <TextField label={t.cohorts.startsOn} name="startsOn" type="date" value={form.startsOn} onChange={set('startsOn')} errors={err('body.startsOn')} />
        <TextField label={t.cohorts.endsOn} name="endsOn" type="date" value={form.endsOn} onChange={set('endsOn')} errors={err('body.endsOn')} />
        <TextField label={t.cohorts.capacity} name="capacity" type="number" min={1} inputMode="numeric" value={form.capacity} onChange={set('capacity')} errors={err('body.capacity')} />
        <button type="submit" disabled={save.isPending}>{t.dashboard.save}</button>
      </form>
      <ProblemMessage error={save.error} fieldPaths={['body.label', 'body.startsOn', 'body.endsOn', 'body.capacity']} />
      {save.isSuccess && <Status>{t.dashboard.saved}</Status>}
      <form onSubmit={submitContext} noValidate>
        <div className="field checkbox">
          <input id="f-context" type="checkbox" checked={context.on} onChange={(e) => setContext({ ...context, on: e.target.checked })} />
          <label htmlFor="f-context">{t.dashboard.context}</label>
        </div>
        {context.on && (
          <TextField label={t.dashboard.justification} name="justification" value={context.justification} onChange={(e) => setContext({ ...context, justification: e.target.value })} errors={errorsFor(saveContext.error, 'body.justification', t)} />
        )}
        <button type="submit" disabled={saveContext.isPending}>{t.dashboard.saveContext}</button>
      </form>
      <ProblemMessage error={saveContext.error} fieldPaths={['body.justification']} />
      {saveContext.isSuccess && <Status>{t.dashboard.contextSaved}</Status>}
    </section>
  );
}
