// The certified holder's identity for the CPF declaration, asked in their space ("Ce qui est attendu de
// vous") until a complete one is recorded (by them, or by staff). The rules are domain/cpf-identity.ts's;
// each refusal is said next to its field, in the page's language, and records nothing.
//   POST /space/cpf-identity
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { holderAwardOf, holderBirthDateFault, recordOf, saveCpfIdentity } from '../../activities/cpf/identity';
import { identityInput } from '../../activities/cpf/awards';
import type { Language, Words } from '../../activities/wording/catalogue';
import { BIRTH_DATE_FAULT_WORDS, CPF_IDENTITY as T, CPF_IDENTITY_FIELDS, cpfIdentityFaultWords, type CpfIdentityFault, type CpfIdentityField } from '../../activities/wording/cpf-identity';
import { cpfIdentitySchema, identityProblems, type BirthDateFault } from '../../domain/index';
import type { Database } from '../../platform/database';
import { ErrorSummary, FormFields, Notice, type Field } from '../action-links/components';
import type { SpaceContext } from './actions';

export interface CpfIdentityTask {
  /** A certified holder without a complete identity: the space asks for it. */
  ask: boolean;
  /** A complete identity is recorded. */
  recorded: boolean;
}

export async function cpfIdentityTask(db: Database, candidateId: string): Promise<CpfIdentityTask> {
  if (!(await holderAwardOf(db, candidateId))) return { ask: false, recorded: false };
  const row = await db.cpfIdentity.findUnique({ where: { candidateId } });
  const complete = identityProblems(row ? identityInput(row) : undefined).length === 0;
  return { ask: !complete, recorded: complete };
}

export interface CpfIdentityState {
  errors: Partial<Record<CpfIdentityField, Words>>;
  values: Record<string, string | undefined>;
}

type Values = Record<string, string | undefined>;
const text = (v: Values, name: string) => (v[name] ?? '').trim() || undefined;

/**
 * The form's values as the domain's rules read them, and each refusal on the field it belongs to, in the
 * order the fields run (the error summary lists them so). `birthDateFault` is the plausibility rule
 * (after today, age at the award) once the date is a date.
 */
export function readIdentityForm(values: Values, birthDateFault: (birthDate: string) => BirthDateFault | undefined = () => undefined): { identity: z.output<typeof cpfIdentitySchema> } | { errors: CpfIdentityState['errors'] } {
  const read = readSchema(values);
  const errors = 'errors' in read ? read.errors : {};
  const fault = errors.birthDate ? undefined : birthDateFault(text(values, 'birthDate') ?? '');
  if (fault) errors.birthDate = BIRTH_DATE_FAULT_WORDS[fault];
  if ('identity' in read && !fault) return read;
  return { errors: Object.fromEntries(CPF_IDENTITY_FIELDS.filter((f) => errors[f]).map((f) => [f, errors[f]])) };
}

function readSchema(values: Values): { identity: z.output<typeof cpfIdentitySchema> } | { errors: CpfIdentityState['errors'] } {
  const firstFields = (['firstName1', 'firstName2', 'firstName3'] as const).filter((f) => text(values, f));
  const input = {
    birthName: text(values, 'birthName') ?? '', usageName: text(values, 'usageName'), firstNames: firstFields.map((f) => text(values, f)!),
    birthDate: text(values, 'birthDate') ?? '', sex: text(values, 'sex'), bornIn: text(values, 'bornIn'),
    birthCommuneInsee: text(values, 'birthCommuneInsee'), birthPostalCode: text(values, 'birthPostalCode'), birthCommuneName: text(values, 'birthCommuneName'),
    birthCountryCode: text(values, 'birthCountryCode'), birthCountryName: text(values, 'birthCountryName'),
  };
  const parsed = cpfIdentitySchema.safeParse(input);
  const errors: CpfIdentityState['errors'] = {};
  if (!text(values, 'firstName1')) errors.firstName1 = cpfIdentityFaultWords('firstName1', 'missing');
  if (parsed.success && Object.keys(errors).length === 0) return { identity: parsed.data };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [key, index] = issue.path as [string, number | undefined];
    const field = (key === 'firstNames' ? (typeof index === 'number' ? firstFields[index] : 'firstName1') : key) as CpfIdentityField;
    if (!CPF_IDENTITY_FIELDS.includes(field) || errors[field]) continue;
    errors[field] = cpfIdentityFaultWords(field, faultOf(issue.code, key, index, input));
  }
  return { errors };
}

function faultOf(code: string, key: string, index: number | undefined, input: { bornIn?: string; birthCountryCode?: string; birthCommuneInsee?: string; birthPostalCode?: string }): CpfIdentityFault {
  if (key === 'firstNames' && index === undefined) return code === 'too_big' ? 'too_many' : 'missing';
  if (key === 'birthCommuneInsee' && code === 'custom') return input.bornIn === 'abroad' ? 'commune_abroad' : 'commune_missing';
  if (key === 'birthCountryCode' && code === 'custom') return 'country_missing';
  if (code === 'too_small' || code === 'invalid_type') return 'missing';
  if (code === 'too_big') return 'too_long';
  if (code === 'custom' && ['birthName', 'usageName', 'firstNames', 'birthCommuneName', 'birthCountryName'].includes(key)) return 'hidden';
  return 'format';
}

const textField = (name: CpfIdentityField, label: Words, required: boolean, extra: Partial<Field> = {}): Field =>
  ({ name, label, kind: 'text', required, error: label, attrs: { maxLength: 60 }, ...extra });

const FIELDS: Field[] = [
  textField('birthName', T.birthName, true, { attrs: { maxLength: 60, autoComplete: 'family-name' } }),
  textField('usageName', T.usageName, false, { hint: T.usageNameHint }),
  textField('firstName1', T.firstName1, true, { hint: T.firstNamesHint, attrs: { maxLength: 60, autoComplete: 'given-name' } }),
  textField('firstName2', T.firstName2, false),
  textField('firstName3', T.firstName3, false),
  { name: 'birthDate', label: T.birthDate, kind: 'date', required: true, error: T.birthDate, attrs: { min: '1900-01-01', autoComplete: 'bday' } },
  { name: 'sex', label: T.sex, kind: 'radio', required: true, error: T.sex, options: [{ value: 'F', label: T.sexF }, { value: 'M', label: T.sexM }] },
  { name: 'bornIn', label: T.bornIn, kind: 'radio', required: true, error: T.bornIn, options: [{ value: 'france', label: T.bornInFrance }, { value: 'abroad', label: T.bornAbroad }] },
  textField('birthCommuneInsee', T.birthCommuneInsee, false, { hint: T.birthCommuneInseeHint, attrs: { maxLength: 5 } }),
  textField('birthPostalCode', T.birthPostalCode, false, { attrs: { maxLength: 5, inputMode: 'numeric' } }),
  textField('birthCommuneName', T.birthCommuneName, false),
  textField('birthCountryCode', T.birthCountryCode, false, { hint: T.birthCountryCodeHint, attrs: { maxLength: 3 } }),
  textField('birthCountryName', T.birthCountryName, false),
];

/** The line in "Ce qui est attendu de vous". */
export const cpfIdentityExpected = T.expected;

export function CpfIdentityForm({ task, l, csrf, state }: { task: CpfIdentityTask; l: Language; csrf: string; state?: CpfIdentityState }) {
  if (task.recorded) return <Notice kind="good">{T.recorded[l]}</Notice>;
  if (!task.ask) return null;
  const errors = (state?.errors ?? {}) as Record<string, Words>;
  return (
    <section aria-labelledby="cpf-identity-title">
      <h2 id="cpf-identity-title">{T.title[l]}</h2>
      <p>{T.intro[l]}</p>
      <ErrorSummary language={l} fields={FIELDS} errors={errors} />
      <form method="post" action={`/space/cpf-identity?lang=${l}`} noValidate>
        <input type="hidden" name="csrf" value={csrf} />
        <FormFields language={l} fields={FIELDS} values={state?.values ?? {}} errors={errors} />
        <button type="submit">{T.submit[l]}</button>
      </form>
    </section>
  );
}

interface RouterDeps {
  db: Database;
  /** The signed-in candidate with the form's fields, CSRF and origin checked; otherwise the refusal was sent. */
  checked: (req: Request, res: Response) => Promise<{ ctx: SpaceContext; fields: Record<string, string> } | undefined>;
  showSpace: (req: Request, res: Response, ctx: SpaceContext, status: number, state: { cpfIdentity?: CpfIdentityState; alert?: Words }) => Promise<void>;
  languageOf: (req: Request, fallback?: string | null) => Language;
}

export function cpfIdentityRouter({ db, checked, showSpace, languageOf }: RouterDeps): Router {
  const router = Router();
  router.post('/space/cpf-identity', async (req, res) => {
    const got = await checked(req, res);
    if (!got) return;
    const { ctx, fields } = got;
    const candidateId = ctx.identity.candidateId;
    const award = await holderAwardOf(db, candidateId);
    if (!award) return showSpace(req, res, ctx, 409, { alert: T.refusedNotHolder });
    const values = Object.fromEntries(CPF_IDENTITY_FIELDS.map((f) => [f, typeof fields[f] === 'string' ? fields[f]!.slice(0, 200) : undefined]));
    const now = new Date();
    const read = readIdentityForm(values, (birthDate) => holderBirthDateFault(birthDate, award, now));
    if ('errors' in read) return showSpace(req, res, ctx, 422, { cpfIdentity: { errors: read.errors, values } });
    // Once complete, the identity may already be in a flux: the holder does not change it from here (the
    // same form sent twice is the same answer; a different one goes through the admissions office).
    const kept = await db.cpfIdentity.findUnique({ where: { candidateId } });
    if (kept && identityProblems(identityInput(kept)).length === 0) {
      const same = JSON.stringify(identityInput(kept)) === JSON.stringify(identityInput({ ...kept, ...recordOf(read.identity) }));
      if (!same) return showSpace(req, res, ctx, 409, { alert: T.alreadyRecorded });
    } else {
      await saveCpfIdentity(db, candidateId, read.identity, `candidate:${candidateId}`);
      await db.auditEvent.create({ data: { candidateId, actor: `candidate:${candidateId}`, action: 'cpf_identity.recorded', after: { via: 'candidate_space' } } });
    }
    const candidate = await db.candidate.findUnique({ where: { id: candidateId }, select: { language: true } });
    res.redirect(303, `/space?lang=${languageOf(req, candidate?.language)}&done=1#todo`);
  });
  return router;
}
