// Below the candidate list: a bulk operation on the ticked candidates or on every candidate the filters
// select. A dry run first lists, per candidate, what would be done or why it is refused (nothing
// changes); confirming starts the operation and opens its page (progress, results, undo).
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { errorsFor, ProblemMessage, SelectField, TextField } from '../components/forms';
import { formatParis, useI18n } from '../i18n';
import { navigate } from '../router';

type Body = paths['/bulk-operations/dry-run']['post']['requestBody']['content']['application/json'];
type Filter = Extract<Body['selection'], { filter: unknown }>['filter'];
const KINDS = ['extend_deadline', 'suspend', 'resume', 'resend_last_email', 'assign_reviewer'] as const;
const STEPS = ['dossier', 'selectionReview', 'interviewSlotChoice', 'interviewDecision', 'thesisSubmission', 'vaeEvidenceSubmission', 'juryDecision', 'followUpSurvey'] as const;
const REASONS = ['staff_decision', 'medical_leave', 'candidate_request'] as const;

export function BulkPanel({ checked, filters }: { checked: string[]; filters: Record<string, string> }) {
  const { t, lang } = useI18n();
  const w = t.ops.bulk;
  const [scope, setScope] = useState<'checked' | 'filter'>('checked');
  const [form, setForm] = useState({ kind: '', step: '', days: '', reasonCode: 'staff_decision', personRef: '' });
  const people = useQuery({ queryKey: ['jury-people'], queryFn: () => unwrap(api.GET('/jury-people', { params: { query: {} } })), enabled: form.kind === 'assign_reviewer' });
  const body = (): Body => ({
    selection: scope === 'checked' ? { candidateIds: checked } : { filter: filters as Filter },
    operation: (form.kind === 'extend_deadline' ? { kind: form.kind, step: form.step, days: form.days === '' ? Number.NaN : Number(form.days) }
      : form.kind === 'suspend' ? { kind: form.kind, reasonCode: form.reasonCode }
      : form.kind === 'assign_reviewer' ? { kind: form.kind, personRef: form.personRef }
      : { kind: form.kind }) as Body['operation'],
  });
  const dry = useMutation({ mutationFn: () => unwrap(api.POST('/bulk-operations/dry-run', { body: body() })) });
  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/bulk-operations', { body: body(), headers: { 'Idempotency-Key': crypto.randomUUID() } })),
    onSuccess: (op) => navigate(`/console/bulk-operations/${op.id}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.reset();
    dry.mutate();
  };
  const when = (ms: number) => formatParis(ms, lang);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => {
    dry.reset();
    setForm({ ...form, [k]: e.target.value });
  };
  const err = (path: string) => errorsFor(dry.error ?? start.error, path, t);

  return (
    <section aria-labelledby="bulk-title" className="bulk">
      <h2 id="bulk-title">{w.title}</h2>
      <form onSubmit={submit} noValidate className="action">
        <fieldset>
          <legend>{w.scope}</legend>
          <div className="field radio">
            <input id="bulk-scope-checked" type="radio" name="scope" checked={scope === 'checked'} onChange={() => { dry.reset(); setScope('checked'); }} />
            <label htmlFor="bulk-scope-checked">{w.scopeChecked(checked.length)}</label>
          </div>
          <div className="field radio">
            <input id="bulk-scope-filter" type="radio" name="scope" checked={scope === 'filter'} onChange={() => { dry.reset(); setScope('filter'); }} />
            <label htmlFor="bulk-scope-filter">{w.scopeFilter}</label>
          </div>
          {scope === 'checked' && checked.length === 0 && <p className="hint">{w.noneSelected}</p>}
        </fieldset>
        <SelectField label={w.kind} name="kind" value={form.kind} onChange={set('kind')} errors={err('body.operation.kind')}>
          <option value="">{w.choose}</option>
          {KINDS.map((k) => <option key={k} value={k}>{w.kinds[k]}</option>)}
        </SelectField>
        {form.kind === 'extend_deadline' && (
          <>
            <SelectField label={w.step} name="step" value={form.step} onChange={set('step')} errors={err('body.operation.step')}>
              <option value="">{w.choose}</option>
              {STEPS.map((s) => <option key={s} value={s}>{t.steps[s]}</option>)}
            </SelectField>
            <TextField label={w.days} name="days" type="number" inputMode="numeric" min={1} max={365} value={form.days} onChange={set('days')} errors={err('body.operation.days')} />
          </>
        )}
        {form.kind === 'suspend' && (
          <SelectField label={w.reason} name="reasonCode" value={form.reasonCode} onChange={set('reasonCode')} errors={err('body.operation.reasonCode')}>
            {REASONS.map((r) => <option key={r} value={r}>{w.reasons[r]}</option>)}
          </SelectField>
        )}
        {form.kind === 'assign_reviewer' && (
          <SelectField label={w.person} name="personRef" value={form.personRef} onChange={set('personRef')} errors={err('body.operation.personRef')}>
            <option value="">{w.choose}</option>
            {(people.data?.items ?? []).map((p) => <option key={p.personRef} value={p.personRef}>{p.name} ({p.email})</option>)}
          </SelectField>
        )}
        <button type="submit" disabled={dry.isPending || (scope === 'checked' && checked.length === 0)}>{w.dryRun}</button>
        <ProblemMessage error={dry.error} fieldPaths={['body.operation.kind', 'body.operation.step', 'body.operation.days', 'body.operation.reasonCode', 'body.operation.personRef']} />
      </form>
      {dry.data && (
        <section aria-labelledby="dry-title">
          <h3 id="dry-title">{w.dryRunTitle}</h3>
          <p role="status">{w.summary(dry.data.applicable, dry.data.refused)}</p>
          <table data-testid="dry-run">
            <caption className="visually-hidden">{w.dryRunTitle}</caption>
            <thead><tr><th scope="col">{w.candidate}</th><th scope="col">{w.result}</th></tr></thead>
            <tbody>
              {dry.data.items.map((i) => (
                <tr key={i.candidateId} className={i.verdict === 'refuse' ? 'rejected' : undefined}>
                  <th scope="row">{i.name}</th>
                  <td>{i.verdict === 'apply' ? (w.effects[i.code]?.(i.data ?? {}, when) ?? i.code) : <>{w.refused} {i.reason?.[lang]}</>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {dry.data.applicable > 0 && <button type="button" onClick={() => start.mutate()} disabled={start.isPending}>{w.confirm(dry.data.applicable)}</button>}
          <ProblemMessage error={start.error} />
        </section>
      )}
    </section>
  );
}
