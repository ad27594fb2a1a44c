// Form pieces: a labelled field whose server error (problem+json `errors`, said in the reader's language)
// sits next to it, tied by aria-describedby; a summary of errors without a field; status messages.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { ApiProblem, type ProblemFieldError } from '../api/client';
import { useI18n, type Catalogue } from '../i18n';

export function fieldMessage(e: ProblemFieldError, t: Catalogue): string {
  const known = t.serverMessages[e.message];
  if (known) return known;
  switch (e.code) {
    case 'too_small': return t.field.too_small(e.minimum);
    case 'too_big': return t.field.too_big(e.maximum);
    case 'invalid_format': return t.field.invalid_format;
    case 'invalid_type': return t.field.invalid_type;
    case 'invalid_value': return t.field.invalid_value;
    case 'unrecognized_keys': return t.field.unrecognized_keys;
    default: return Object.keys(t.serverMessages).length ? t.field.other : e.message;
  }
}

/** The errors of a problem for one field (`body.code`), in the reader's language. */
export function errorsFor(problem: unknown, path: string, t: Catalogue): string[] {
  if (!(problem instanceof ApiProblem)) return [];
  return problem.errors.filter((e) => e.path === path).map((e) => fieldMessage(e, t));
}

interface FieldProps {
  label: string;
  hint?: string;
  errors?: string[];
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

export function Field({ label, hint, errors = [], children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && <p id={hintId} className="hint">{hint}</p>}
      {children({ id, describedBy, invalid: errors.length > 0 })}
      {errorId && (
        <p id={errorId} className="field-error">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

export function TextField({ label, hint, errors, ...input }: { label: string; hint?: string; errors?: string[] } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} hint={hint} errors={errors}>
      {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...input} />}
    </Field>
  );
}

export function SelectField({ label, hint, errors, children, ...select }: { label: string; hint?: string; errors?: string[]; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} hint={hint} errors={errors}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...select}>
          {children}
        </select>
      )}
    </Field>
  );
}

/** What went wrong, when it is not about one field (refusal by the journey, role, network). */
export function ProblemMessage({ error, fieldPaths = [] }: { error: unknown; fieldPaths?: string[] }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  if (error instanceof ApiProblem) {
    const unplaced = error.errors.filter((e) => !fieldPaths.includes(e.path));
    if (error.errors.length && !unplaced.length) return null;
    const reason = error.reason ? error.reason[lang] : undefined;
    return (
      <div role="alert" className="problem">
        <p>
          <strong>{reason ? t.actions.refused : error.title}</strong> {reason ?? (unplaced.length ? '' : error.detail)}
        </p>
        {unplaced.length > 0 && (
          <ul>
            {unplaced.map((e) => (
              <li key={e.path + e.message}>
                {e.path.replace(/^body\.?/, '') || '—'} : {fieldMessage(e, t)}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div role="alert" className="problem">
      <p>{(error as Error).message}</p>
    </div>
  );
}

export function Status({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="status">
      {children}
    </p>
  );
}
