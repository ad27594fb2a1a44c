// Server-rendered link pages (React, no script): the recipient's language, the other one a link away
// (`?lang=`, kept by the forms, which post to the page's own address), WCAG 2.1 AA
// (lang, labels, visible focus, contrast above 7:1, errors tied to their fields, keyboard only).
// Reusable by the candidate space and the jury queue: Page, Notice, Facts, FormFields, ErrorSummary.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { otherLanguage, type Language, type Words } from '../../activities/wording/catalogue';
import { PAGE } from '../../activities/wording/pages';

export type { Words };

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.0625rem;line-height:1.55;color:#1a1a1a;background:#fff}
header,main,footer{max-width:44rem;margin:0 auto;padding:1rem 1.25rem}
header{border-bottom:3px solid #0b3d91}
.brand{font-weight:700;color:#0b3d91;margin:0}
.switch{margin:.25rem 0 0;font-size:.95rem}
h1{font-size:1.6rem;line-height:1.25;margin:1rem 0}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #595959;padding:.35rem .5rem;text-align:left;vertical-align:top}
fieldset{border:1px solid #595959;border-radius:4px;margin:1rem 0;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
fieldset label{font-weight:400;display:flex;gap:.5rem;align-items:center;margin:.35rem 0}
input[type=text],input[type=number],input[type=date],select,textarea{font:inherit;width:100%;max-width:32rem;padding:.5rem;border:2px solid #595959;border-radius:4px;background:#fff;color:#1a1a1a}
input[type=radio],input[type=checkbox]{width:1.25rem;height:1.25rem}
textarea{min-height:6rem}
.hint{color:#3d3d3d;margin:.1rem 0 .25rem;font-size:.95rem}
.error{color:#a50e0e;font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border-color:#a50e0e}
button{font:inherit;font-weight:700;background:#0b3d91;color:#fff;border:2px solid #0b3d91;border-radius:4px;padding:.7rem 1.4rem;margin-top:1rem;cursor:pointer}
button:hover{background:#072a66}
a{color:#0b3d91}
:focus-visible{outline:3px solid #b35900;outline-offset:3px}
.notice{border-left:6px solid #0b3d91;background:#eef3fb;padding:.75rem 1rem;margin:1rem 0}
.notice.bad{border-color:#a50e0e;background:#fdf0f0}
.notice.good{border-color:#1d6b32;background:#eef8f0}
.summary-errors{border:3px solid #a50e0e;padding:.75rem 1rem}
`;

/** A whole page as HTML text: React escapes every value. */
export function renderPage(element: ReactNode): string {
  return `<!doctype html>\n${renderToStaticMarkup(element)}`;
}

/** `languageHref`: the address the language switch reloads (the page's own by default; a page shown after a POST gives its GET address). */
export function Page({ language: l, title, admissionsEmail, languageHref = '', children }: { language: Language; title: Words; admissionsEmail?: string; languageHref?: string; children?: ReactNode }) {
  return (
    <html lang={l}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title[l]} – Jalon`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <header>
          <p className="brand">{PAGE.brand[l]}</p>
          <p className="switch">
            <a href={`${languageHref}?lang=${otherLanguage(l)}`} lang={otherLanguage(l)} hrefLang={otherLanguage(l)}>
              {PAGE.readIn[otherLanguage(l)]}
            </a>
          </p>
        </header>
        <main id="contenu">
          <h1>{title[l]}</h1>
          {children}
        </main>
        <footer>
          <p className="hint">{PAGE.personal[l]}</p>
          {admissionsEmail ? (
            <p className="hint">
              {PAGE.contact[l]} <a href={`mailto:${admissionsEmail}`}>{admissionsEmail}</a>
            </p>
          ) : null}
        </footer>
      </body>
    </html>
  );
}

export function Notice({ kind, role, children }: { kind: 'info' | 'good' | 'bad'; role?: 'status' | 'alert'; children: ReactNode }) {
  return (
    <div className={`notice${kind === 'info' ? '' : ` ${kind}`}`} role={role}>
      <p>{children}</p>
    </div>
  );
}

/** Label / value pairs (a definition list); rows without a value are left out. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (shown.length === 0) return null;
  return (
    <dl>
      {shown.map(([k, v], i) => (
        <div key={i} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export interface Field {
  name: string;
  label: Words;
  kind: 'radio' | 'select' | 'text' | 'textarea' | 'number' | 'date' | 'checkbox' | 'checkboxes';
  options?: { value: string; label: Words }[];
  required: boolean;
  hint?: Words;
  error: Words;
  /** HTML input attributes (min, max, step, maxLength, inputMode, autoComplete). */
  attrs?: Record<string, string | number>;
}

export const firstInputId = (fields: Field[], name: string) => {
  const f = fields.find((x) => x.name === name);
  return f?.kind === 'radio' || f?.kind === 'checkboxes' ? `f-${name}-0` : `f-${name}`;
};

export function ErrorSummary({ language: l, fields, errors }: { language: Language; fields: Field[]; errors: Record<string, Words> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="summary-errors" role="alert">
      <h2>{PAGE.errors(entries.length)[l]}</h2>
      <ul>
        {entries.map(([name, text]) => (
          <li key={name}>
            <a href={`#${firstInputId(fields, name)}`}>{text[l]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FormFields({ language: l, fields, values, errors }: { language: Language; fields: Field[]; values: Record<string, string | undefined>; errors: Record<string, Words> }) {
  return (
    <>
      {fields.map((f) => (
        <FieldView key={f.name} language={l} field={f} value={values[f.name]} error={errors[f.name]} />
      ))}
    </>
  );
}

function FieldView({ language: l, field: f, value, error }: { language: Language; field: Field; value: string | undefined; error: Words | undefined }) {
  const id = `f-${f.name}`;
  const hintId = f.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const invalid = error ? true : undefined;
  const hint = f.hint ? <p className="hint" id={hintId}>{f.hint[l]}</p> : null;
  const err = error ? <p className="error" id={errorId}>{error[l]}</p> : null;
  const mark = f.required ? <span className="hint"> {PAGE.required[l]}</span> : null;
  const attrs = f.attrs ?? {};
  switch (f.kind) {
    case 'radio':
    case 'checkboxes': {
      const selected = new Set((value ?? '').split(',').filter(Boolean));
      return (
        <fieldset aria-describedby={describedBy}>
          <legend>
            {f.label[l]}
            {mark}
          </legend>
          {hint}
          {err}
          {(f.options ?? []).map((o, i) => (
            <label key={o.value} htmlFor={`${id}-${i}`}>
              <input
                type={f.kind === 'radio' ? 'radio' : 'checkbox'}
                id={`${id}-${i}`}
                name={f.name}
                value={o.value}
                defaultChecked={f.kind === 'radio' ? value === o.value : selected.has(o.value)}
                required={f.kind === 'radio' && f.required ? true : undefined}
                aria-invalid={invalid}
              />{' '}
              {o.label[l]}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'select':
      return (
        <>
          <label htmlFor={id}>
            {f.label[l]}
            {mark}
          </label>
          {hint}
          {err}
          <select id={id} name={f.name} required={f.required || undefined} aria-describedby={describedBy} aria-invalid={invalid} defaultValue={value ?? ''}>
            <option value="">{PAGE.choose[l]}</option>
            {(f.options ?? []).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label[l]}
              </option>
            ))}
          </select>
        </>
      );
    case 'textarea':
      return (
        <>
          <label htmlFor={id}>{f.label[l]}</label>
          {hint}
          {err}
          <textarea id={id} name={f.name} required={f.required || undefined} aria-describedby={describedBy} aria-invalid={invalid} defaultValue={value ?? ''} {...attrs} />
        </>
      );
    case 'checkbox':
      return (
        <div>
          {hint}
          {err}
          <label htmlFor={id}>
            <input type="checkbox" id={id} name={f.name} value="yes" defaultChecked={value === 'yes'} required={f.required || undefined} aria-describedby={describedBy} aria-invalid={invalid} /> {f.label[l]}
          </label>
        </div>
      );
    default:
      return (
        <>
          <label htmlFor={id}>
            {f.label[l]}
            {mark}
          </label>
          {hint}
          {err}
          <input type={f.kind} id={id} name={f.name} defaultValue={value ?? ''} required={f.required || undefined} aria-describedby={describedBy} aria-invalid={invalid} {...attrs} />
        </>
      );
  }
}
