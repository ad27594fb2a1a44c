// Turns a template's content into the message people read: a plain-text part and an accessible HTML
// part (lang attribute, real headings and lists, a link whose text says where it goes, strong contrast).
import type { TemplateData, TemplateKind } from '../notification-types';
import { escapeHtml, formatDateTime, type Language } from './format';
import { TEMPLATES } from './templates';

export interface RenderInput {
  kind: TemplateKind;
  language: Language;
  recipientName: string;
  candidateName?: string;
  data: TemplateData;
  link?: string;
  dueAtMs?: number;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const WORDS = {
  fr: { hello: 'Bonjour', due: 'À faire avant le', linkIntro: 'Lien personnel (ne le transférez pas) :', footer: 'Ce message est envoyé automatiquement par Jalon, pour le service des admissions. Pour toute question, répondez au service des admissions.', expiry: 'Ce lien est valable jusqu’au' },
  en: { hello: 'Hello', due: 'To do before', linkIntro: 'Your personal link (do not forward it):', footer: 'This message is sent automatically by Jalon for the admissions office. For any question, contact the admissions office.', expiry: 'This link is valid until' },
} as const;

export function renderEmail(input: RenderInput): RenderedEmail {
  const template = TEMPLATES[input.kind];
  if (!template) throw new Error(`No template "${input.kind}": add it to activities/mail/templates.ts`);
  const w = WORDS[input.language];
  const content = template[input.language]({
    language: input.language, candidateName: input.candidateName, data: input.data, dueAtMs: input.dueAtMs, hasLink: Boolean(input.link),
  });
  const subject = `Jalon — ${content.subject}`;
  const due = input.dueAtMs !== undefined ? formatDateTime(input.dueAtMs, input.language) : undefined;
  const greeting = `${w.hello} ${input.recipientName},`;
  const list = content.list ?? [];

  const text = [
    greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(list.length ? [...list.map((item) => `  - ${item}`), ''] : []),
    ...(due ? [`${input.link ? w.expiry : w.due} ${due}.`, ''] : []),
    ...(input.link ? [`${content.cta ?? w.linkIntro}: ${input.link}`, ''] : []),
    '-- ',
    w.footer,
  ].join('\n');

  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="${input.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<main style="max-width:40rem;margin:0 auto;padding:1.5rem">
<h1 style="font-size:1.4rem;color:#1a1a1a">${e(content.subject)}</h1>
<p>${e(greeting)}</p>
${content.paragraphs.map((p) => `<p>${e(p)}</p>`).join('\n')}
${list.length ? `<ul>${list.map((item) => `<li>${e(item)}</li>`).join('')}</ul>` : ''}
${due ? `<p><strong>${e(input.link ? w.expiry : w.due)} ${e(due)}.</strong></p>` : ''}
${input.link ? `<p><a href="${e(input.link)}" style="display:inline-block;background:#0b3d91;color:#ffffff;padding:.75rem 1.25rem;text-decoration:underline;border-radius:4px">${e(content.cta ?? w.linkIntro)}</a></p>
<p style="font-size:.9rem;color:#333333">${e(w.linkIntro)}<br><span style="word-break:break-all">${e(input.link)}</span></p>` : ''}
<hr>
<p style="font-size:.9rem;color:#333333">${e(w.footer)}</p>
</main>
</body>
</html>
`;
  return { subject, text, html };
}
