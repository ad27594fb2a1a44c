// Staff actions on a journey, as forms: record a dossier piece; pick a reviewer (or interviewer) from
// the people already registered, or add one; offer interview slots with a Europe/Paris date-time
// picker that refuses a time that does not exist and asks about one that happens twice.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, unwrap } from '../api/client';
import { errorsFor, ProblemMessage, SelectField, TextField } from '../components/forms';
import { useI18n } from '../i18n';
import { parisToInstant } from '../paris-time';

const key = () => ({ 'Idempotency-Key': crypto.randomUUID() });

function useRefreshCandidate(candidateId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all(['candidate', 'state', 'documents', 'timeline', 'emails'].map((k) => queryClient.invalidateQueries({ queryKey: [k, candidateId] })));
}

export function RecordPiece({ candidateId, missing, onDone }: { candidateId: string; missing: string[]; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const refresh = useRefreshCandidate(candidateId);
  const [kind, setKind] = useState('');
  const record = useMutation({
    mutationFn: () => unwrap(api.POST('/candidates/{id}/actions/record-piece', { params: { path: { id: candidateId } }, body: { kind: kind as 'cv' }, headers: key() })),
    onSuccess: () => {
      setKind('');
      onDone(t.actions.recorded);
      void refresh(); // not awaited: the form is usable again at once
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="action" aria-labelledby="record-piece-title">
      <h3 id="record-piece-title">{t.actions.recordPiece}</h3>
      <SelectField label={t.actions.pieceKind} name="kind" value={kind} onChange={(e) => setKind(e.target.value)} errors={errorsFor(record.error, 'body.kind', t)}>
        <option value="">{t.actions.choose}</option>
        {missing.map((k) => <option key={k} value={k}>{t.pieces[k] ?? k}</option>)}
      </SelectField>
      <button type="submit" disabled={record.isPending}>{t.actions.record}</button>
      <ProblemMessage error={record.error} fieldPaths={['body.kind']} />
    </form>
  );
}

interface Person {
  personRef: string;
  name: string;
  email: string;
  kind: 'school' | 'external_professional';
  inActivity: boolean;
}

/** The people registered on juries, plus the ones added in this form; `value` is the chosen personRef. */
function PersonPicker({ label, value, onChange, added, onAdd, error }: { label: string; value: string; onChange: (ref: string) => void; added: Person[]; onAdd: (p: Person) => void; error: unknown }) {
  const { t } = useI18n();
  const people = useQuery({ queryKey: ['jury-people'], queryFn: () => unwrap(api.GET('/jury-people', { params: { query: {} } })) });
  const all = [...added, ...(people.data?.items ?? []).filter((p) => !added.some((a) => a.personRef === p.personRef))];
  const [draft, setDraft] = useState({ name: '', email: '', kind: 'school' as Person['kind'] });
  const [draftError, setDraftError] = useState<{ name?: string; email?: string }>({});
  const add = () => {
    const errors = { ...(draft.name.trim() ? {} : { name: t.actions.required }), ...(/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(draft.email.trim()) ? {} : { email: t.field.invalid_format }) };
    setDraftError(errors);
    if (Object.keys(errors).length) return;
    const person = { personRef: draft.email.trim().toLowerCase(), name: draft.name.trim(), email: draft.email.trim(), kind: draft.kind, inActivity: true };
    onAdd(person);
    onChange(person.personRef);
    setDraft({ name: '', email: '', kind: 'school' });
  };
  return (
    <>
      <SelectField label={label} name="person" value={value} onChange={(e) => onChange(e.target.value)} errors={[...errorsFor(error, 'body.memberIds', t), ...errorsFor(error, 'body.juryMemberIds', t)]}>
        <option value="">{t.actions.choose}</option>
        {all.map((p) => <option key={p.personRef} value={p.personRef}>{p.name} ({p.email})</option>)}
      </SelectField>
      <fieldset className="add-person">
        <legend>{t.actions.newPerson}</legend>
        <TextField label={t.actions.personName} name="personName" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} errors={[...(draftError.name ? [draftError.name] : []), ...errorsFor(error, 'body.members.0.name', t)]} />
        <TextField label={t.actions.personEmail} name="personEmail" type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} errors={[...(draftError.email ? [draftError.email] : []), ...errorsFor(error, 'body.members.0.email', t)]} />
        <SelectField label={t.actions.personKind} name="personKind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Person['kind'] })}>
          <option value="school">{t.actions.kinds.school}</option>
          <option value="external_professional">{t.actions.kinds.external_professional}</option>
        </SelectField>
        <button type="button" onClick={add}>{t.actions.add}</button>
      </fieldset>
    </>
  );
}

/** Registers the chosen person on a new jury of this kind for the candidate; answers their member id. */
async function registerMember(candidateId: string, kind: 'selection' | 'interview', p: Person): Promise<string> {
  const jury = await unwrap(api.POST('/candidates/{id}/juries', {
    params: { path: { id: candidateId } },
    body: { kind, members: [{ name: p.name, email: p.email, kind: p.kind, inActivity: p.inActivity, personRef: p.personRef }] },
    headers: key(),
  }));
  return jury.members[0]!.id;
}

function useChosenPerson() {
  const [added, setAdded] = useState<Person[]>([]);
  const [ref, setRef] = useState('');
  const people = useQuery({ queryKey: ['jury-people'], queryFn: () => unwrap(api.GET('/jury-people', { params: { query: {} } })) });
  const chosen = () => [...added, ...(people.data?.items ?? [])].find((p) => p.personRef === ref);
  return { added, addPerson: (p: Person) => setAdded([p, ...added.filter((a) => a.personRef !== p.personRef)]), ref, setRef, chosen };
}

const notChosen = (path: string) => new ApiProblem(400, 'Invalid request', undefined, [{ path, message: 'required', code: 'invalid_type' }]);

export function AssignReviewer({ candidateId, onDone }: { candidateId: string; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const refresh = useRefreshCandidate(candidateId);
  const queryClient = useQueryClient();
  const person = useChosenPerson();
  const assign = useMutation({
    mutationFn: async () => {
      const p = person.chosen();
      if (!p) throw notChosen('body.memberIds');
      const memberId = await registerMember(candidateId, 'selection', p);
      return unwrap(api.POST('/candidates/{id}/actions/assign-selection-reviewers', { params: { path: { id: candidateId } }, body: { memberIds: [memberId] }, headers: key() }));
    },
    onSuccess: () => {
      onDone(t.actions.assigned);
      void queryClient.invalidateQueries({ queryKey: ['jury-people'] });
      void refresh(); // not awaited: the form is usable again at once
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    assign.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="action" aria-labelledby="assign-title">
      <h3 id="assign-title">{t.actions.assignReviewer}</h3>
      <PersonPicker label={t.actions.reviewer} value={person.ref} onChange={person.setRef} added={person.added} onAdd={person.addPerson} error={assign.error} />
      <button type="submit" disabled={assign.isPending}>{t.actions.assign}</button>
      <ProblemMessage error={assign.error} fieldPaths={['body.memberIds', 'body.members.0.name', 'body.members.0.email']} />
    </form>
  );
}

interface SlotDraft {
  date: string;
  time: string;
  /** For a time that happens twice: which one. */
  fold?: 'summer' | 'winter';
}

export function OfferSlots({ candidateId, onDone }: { candidateId: string; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const refresh = useRefreshCandidate(candidateId);
  const person = useChosenPerson();
  const [slots, setSlots] = useState<SlotDraft[]>([{ date: '', time: '' }]);
  const [slotErrors, setSlotErrors] = useState<Record<number, string>>({});
  const [ambiguous, setAmbiguous] = useState<Record<number, true>>({});
  const offer = useMutation({
    mutationFn: async (instants: string[]) => {
      const p = person.chosen();
      if (!p) throw notChosen('body.juryMemberIds');
      const memberId = await registerMember(candidateId, 'interview', p);
      return unwrap(api.POST('/candidates/{id}/actions/offer-interview-slots', {
        params: { path: { id: candidateId } },
        body: { slots: instants.map((startsAt, i) => ({ slotId: `slot-${i + 1}`, startsAt })), juryMemberIds: [memberId] },
        headers: key(),
      }));
    },
    onSuccess: () => {
      onDone(t.actions.offered);
      void refresh(); // not awaited: the form is usable again at once
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<number, string> = {};
    const asks: Record<number, true> = {};
    const instants: string[] = [];
    slots.forEach((s, i) => {
      const r = parisToInstant(s.date, s.time);
      if (r.kind === 'invalid') errors[i] = t.actions.required;
      else if (r.kind === 'nonexistent') errors[i] = t.actions.dstGap;
      else if (r.kind === 'ambiguous') {
        if (s.fold) instants.push(s.fold === 'summer' ? r.summer : r.winter);
        else {
          asks[i] = true;
          errors[i] = t.actions.dstAmbiguous;
        }
      } else instants.push(r.iso);
    });
    setSlotErrors(errors);
    setAmbiguous({ ...ambiguous, ...asks });
    if (Object.keys(errors).length === 0) offer.mutate(instants);
  };
  const setSlot = (i: number, patch: Partial<SlotDraft>) => setSlots(slots.map((s, j) => (j === i ? { ...s, ...patch, ...('date' in patch || 'time' in patch ? { fold: undefined } : {}) } : s)));
  const serverSlotErrors = (i: number) => [...errorsFor(offer.error, `body.slots.${i}.startsAt`, t), ...errorsFor(offer.error, `body.slots.${i}`, t)];

  return (
    <form onSubmit={submit} noValidate className="action" aria-labelledby="offer-title">
      <h3 id="offer-title">{t.actions.offerSlots}</h3>
      {slots.map((s, i) => (
        <fieldset key={i} className="slot">
          <legend>{t.actions.slot(i + 1)}</legend>
          <TextField label={t.actions.date} name={`slot-${i}-date`} type="date" value={s.date} onChange={(e) => setSlot(i, { date: e.target.value })} />
          <TextField label={t.actions.time} name={`slot-${i}-time`} type="time" step={300} value={s.time} onChange={(e) => setSlot(i, { time: e.target.value })}
            errors={[...(slotErrors[i] && !ambiguous[i] ? [slotErrors[i]!] : []), ...serverSlotErrors(i)]} />
          {ambiguous[i] && parisToInstant(s.date, s.time).kind === 'ambiguous' && (
            <fieldset className="fold" aria-describedby={`fold-${i}-q`}>
              <legend id={`fold-${i}-q`}>{t.actions.dstAmbiguous}</legend>
              {(['summer', 'winter'] as const).map((f) => (
                <div key={f} className="radio">
                  <input type="radio" id={`fold-${i}-${f}`} name={`fold-${i}`} checked={s.fold === f} onChange={() => setSlots(slots.map((x, j) => (j === i ? { ...x, fold: f } : x)))} />
                  <label htmlFor={`fold-${i}-${f}`}>{t.actions[f]}</label>
                </div>
              ))}
            </fieldset>
          )}
          {slots.length > 1 && <button type="button" onClick={() => setSlots(slots.filter((_, j) => j !== i))}>{t.actions.removeSlot}</button>}
        </fieldset>
      ))}
      <button type="button" onClick={() => setSlots([...slots, { date: '', time: '' }])}>{t.actions.addSlot}</button>
      <PersonPicker label={t.actions.interviewer} value={person.ref} onChange={person.setRef} added={person.added} onAdd={person.addPerson} error={offer.error} />
      <button type="submit" disabled={offer.isPending}>{t.actions.offer}</button>
      <ProblemMessage error={offer.error} fieldPaths={['body.juryMemberIds', ...slots.flatMap((_, i) => [`body.slots.${i}.startsAt`, `body.slots.${i}`])]} />
    </form>
  );
}

const STEPS = ['dossier', 'selectionReview', 'interviewSlotChoice', 'interviewDecision', 'assessmentSubmission', 'assessmentGrading', 'internshipDeclaration', 'thesisSubmission', 'vaeEvidenceSubmission', 'juryDecision', 'followUpSurvey'] as const;

/** Extends the deadline of a step (the journey re-plans its reminders); refused in words when the step is not open. */
export function ExtendDeadline({ candidateId, onDone }: { candidateId: string; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const refresh = useRefreshCandidate(candidateId);
  const [step, setStep] = useState('');
  const [days, setDays] = useState('7');
  const extend = useMutation({
    mutationFn: () => unwrap(api.POST('/candidates/{id}/actions/extend-deadline', {
      params: { path: { id: candidateId } },
      body: { step: step as (typeof STEPS)[number], days: Number(days) },
      headers: key(),
    })),
    onSuccess: () => {
      onDone(t.actions.extended);
      void refresh(); // not awaited: the form is usable again at once
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    extend.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="action" aria-labelledby="extend-title">
      <h3 id="extend-title">{t.actions.extendTitle}</h3>
      <SelectField label={t.actions.step} name="step" value={step} onChange={(e) => setStep(e.target.value)} errors={errorsFor(extend.error, 'body.step', t)}>
        <option value="">{t.actions.choose}</option>
        {STEPS.map((s) => <option key={s} value={s}>{t.steps[s]}</option>)}
      </SelectField>
      <TextField label={t.actions.days} name="days" type="number" min={1} max={365} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} errors={errorsFor(extend.error, 'body.days', t)} />
      <button type="submit" disabled={extend.isPending}>{t.actions.extend}</button>
      <ProblemMessage error={extend.error} fieldPaths={['body.step', 'body.days']} />
    </form>
  );
}

/** Sends one of the journey's emails again (not one still queued: it would go twice). */
export function ResendEmail({ candidateId, emailId, kind, onDone }: { candidateId: string; emailId: string; kind: string; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const refresh = useRefreshCandidate(candidateId);
  const resend = useMutation({
    mutationFn: () => unwrap(api.POST('/candidates/{id}/emails/{emailId}/resend', { params: { path: { id: candidateId, emailId } }, headers: key() })),
    onSuccess: () => {
      onDone(t.actions.resent);
      void refresh(); // not awaited: the form is usable again at once
    },
  });
  return (
    <>
      <button type="button" onClick={() => resend.mutate()} disabled={resend.isPending}>{t.actions.resend(kind)}</button>
      <ProblemMessage error={resend.error} />
    </>
  );
}
