// A holder's identity for the CPF declaration, viewed and corrected by staff: a line the Caisse des Dépôts
// rejected usually means the identity is wrong. Each refusal of the server's rules (domain/) is said in
// the screen's words next to its field; nothing is saved then.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { Loading } from '../components/Loading';
import { ProblemMessage, SelectField, Status, TextField } from '../components/forms';
import { useI18n } from '../i18n';

type Identity = paths['/candidates/{id}/cpf-identity']['get']['responses'][200]['content']['application/json'];
const FIELDS = ['birthName', 'usageName', 'firstNames', 'birthDate', 'sex', 'bornIn', 'birthCommuneInsee', 'birthPostalCode', 'birthCountryCode'] as const;
type FieldName = (typeof FIELDS)[number];
type Values = Record<FieldName, string>;

const valuesOf = (i: Identity | undefined): Values => ({
  birthName: i?.birthName ?? '', usageName: i?.usageName ?? '', firstNames: i?.firstNames.join(', ') ?? '', birthDate: i?.birthDate ?? '', sex: i?.sex ?? '', bornIn: i?.bornIn ?? '',
  birthCommuneInsee: i?.birthCommuneInsee ?? '', birthPostalCode: i?.birthPostalCode ?? '', birthCountryCode: i?.birthCountryCode ?? '',
});

export function CpfIdentityEditor({ candidateId, name, onClose }: { candidateId: string; name: string; onClose: () => void }) {
  const { t } = useI18n();
  const w = t.official.cpf.identityForm;
  const current = useQuery({
    queryKey: ['cpf-identity', candidateId],
    // None recorded yet (404): an empty form.
    queryFn: () => unwrap(api.GET('/candidates/{id}/cpf-identity', { params: { path: { id: candidateId } } })).catch((e: unknown) => (e instanceof ApiProblem && e.status === 404 ? null : Promise.reject(e))),
  });
  return (
    <section aria-labelledby="cpf-identity-title" className="card" data-testid="cpf-identity-editor">
      <h2 id="cpf-identity-title">{w.title(name)}</h2>
      <p>{w.intro}</p>
      {current.isPending ? <Loading /> : current.isError ? <ProblemMessage error={current.error} /> : <IdentityForm candidateId={candidateId} name={name} initial={valuesOf(current.data ?? undefined)} />}
      <button type="button" className="secondary" onClick={onClose}>{w.close}</button>
    </section>
  );
}

function IdentityForm({ candidateId, name, initial }: { candidateId: string; name: string; initial: Values }) {
  const { t } = useI18n();
  const w = t.official.cpf.identityForm;
  const queryClient = useQueryClient();
  const [v, setV] = useState(initial);
  const optional = (s: string) => s.trim() || null;
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/candidates/{id}/cpf-identity', {
      params: { path: { id: candidateId } },
      body: {
        birthName: v.birthName, usageName: optional(v.usageName), firstNames: v.firstNames.split(',').map((f) => f.trim()).filter(Boolean), birthDate: v.birthDate,
        sex: v.sex as 'M' | 'F', bornIn: v.bornIn as 'france' | 'abroad',
        birthCommuneInsee: optional(v.birthCommuneInsee), birthPostalCode: optional(v.birthPostalCode), birthCountryCode: optional(v.birthCountryCode),
      },
    })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['cpf-awards'] }), queryClient.invalidateQueries({ queryKey: ['cpf-identity', candidateId] })]),
  });
  const problems = save.error instanceof ApiProblem ? save.error.errors : [];
  /** The words for a field the server refused: the birth date's plausibility by its code, the others by field. */
  const errors = (field: FieldName): string[] => {
    const hit = problems.find((p) => p.path === `body.${field}` || p.path.startsWith(`body.${field}.`));
    if (!hit) return [];
    return [(hit.code && w.faults[hit.code]) || w.faults[field]!];
  };
  const placed = problems.filter((p) => FIELDS.some((f) => p.path === `body.${f}` || p.path.startsWith(`body.${f}.`))).map((p) => p.path);
  const text = (field: FieldName, label: string, extra: { hint?: string; maxLength?: number; type?: string } = {}) => (
    <TextField label={label} name={field} value={v[field]} maxLength={extra.maxLength ?? 60} type={extra.type} hint={extra.hint} onChange={(e) => setV({ ...v, [field]: e.target.value })} errors={errors(field)} />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={w.title(name)}>
      {text('birthName', w.birthName)}
      {text('usageName', w.usageName)}
      {text('firstNames', w.firstNames, { hint: w.firstNamesHint, maxLength: 200 })}
      {text('birthDate', w.birthDate, { type: 'date' })}
      <SelectField label={w.sex} name="sex" value={v.sex} onChange={(e) => setV({ ...v, sex: e.target.value })} errors={errors('sex')}>
        <option value="">{w.choose}</option><option value="F">{w.sexF}</option><option value="M">{w.sexM}</option>
      </SelectField>
      <SelectField label={w.bornIn} name="bornIn" value={v.bornIn} onChange={(e) => setV({ ...v, bornIn: e.target.value })} errors={errors('bornIn')}>
        <option value="">{w.choose}</option><option value="france">{w.bornInFrance}</option><option value="abroad">{w.bornAbroad}</option>
      </SelectField>
      {text('birthCommuneInsee', w.birthCommuneInsee, { maxLength: 5 })}
      {text('birthPostalCode', w.birthPostalCode, { maxLength: 5 })}
      {text('birthCountryCode', w.birthCountryCode, { maxLength: 3 })}
      <button type="submit" disabled={save.isPending}>{w.save}</button>
      {save.isSuccess && <Status>{w.saved(name)}</Status>}
      <ProblemMessage error={save.error} fieldPaths={placed} />
    </form>
  );
}
