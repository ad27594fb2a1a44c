// Server-rendered pages for action links: no script, French first with English alongside, WCAG 2.1 AA
// (lang, labels, visible focus, contrast above 7:1, errors tied to their fields, keyboard only).
import { escapeHtml as e } from '../../activities/mail/format';

export { e };

/** A French text and its English counterpart, shown together. */
export type Bi = { fr: string; en: string };
export const bi = (fr: string, en: string): Bi => ({ fr, en });
export const biText = (t: Bi) => `${e(t.fr)} <span lang="en" class="en">/ ${e(t.en)}</span>`;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.0625rem;line-height:1.55;color:#1a1a1a;background:#fff}
header,main,footer{max-width:44rem;margin:0 auto;padding:1rem 1.25rem}
header{border-bottom:3px solid #0b3d91}
.brand{font-weight:700;color:#0b3d91;margin:0}
h1{font-size:1.6rem;line-height:1.25;margin:1rem 0}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.en{color:#3d3d3d}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0}
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
button .en{color:#fff}
a{color:#0b3d91}
:focus-visible{outline:3px solid #b35900;outline-offset:3px}
.notice{border-left:6px solid #0b3d91;background:#eef3fb;padding:.75rem 1rem;margin:1rem 0}
.notice.bad{border-color:#a50e0e;background:#fdf0f0}
.notice.good{border-color:#1d6b32;background:#eef8f0}
.summary-errors{border:3px solid #a50e0e;padding:.75rem 1rem}
`;

export function page(options: { title: Bi; body: string }): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${e(options.title.fr)} / ${e(options.title.en)} — Jalon</title>
<style>${STYLE}</style>
</head>
<body>
<header><p class="brand">Jalon</p></header>
<main id="contenu">
<h1>${biText(options.title)}</h1>
${options.body}
</main>
<footer><p class="hint">${biText(bi('Ce lien vous est personnel : ne le transférez pas.', 'This link is personal: do not forward it.'))}</p></footer>
</body>
</html>
`;
}

export function notice(kind: 'info' | 'good' | 'bad', text: Bi, role?: 'status' | 'alert'): string {
  return `<div class="notice ${kind === 'info' ? '' : kind}"${role ? ` role="${role}"` : ''}><p>${biText(text)}</p></div>`;
}

export function definitionList(rows: [Bi, string][]): string {
  if (rows.length === 0) return '';
  return `<dl>${rows.map(([k, v]) => `<dt>${biText(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>`;
}
