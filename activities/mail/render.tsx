// Renders an email from its template's typed data: the HTML part from the React component
// (react-email), the plain-text part from that same HTML, the subject from the wording.
import { render, toPlainText } from '@react-email/render';
import type { EmailRequest } from '../notification-types';
import { colon, otherLanguage, referentialOf, type Language, type Words } from '../wording/catalogue';
import { EMAILS, type EmailContent, type EmailContext } from '../wording/emails';
import { EmailMessage, type Audience } from './components/EmailMessage';

export type RenderInput = EmailRequest & {
  language: Language;
  recipientName: string;
  candidateName?: string;
  link?: string;
  linkExpiresAtMs?: number;
  /** A candidate space link: where to ask for a new one (it works once, and expires). */
  lostLinkUrl?: string;
  admissionsEmail: string;
  /** Staff recipients get the tool's footer. */
  audience?: Audience;
  referentialCode?: string;
  eligibilityReasons?: Words[];
  candidateUrl?: string;
  cpfIdentityAskedByMs?: number;
};

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The content of one email (subject, paragraphs, facts, deadline): typed by its template. */
export function emailContent(input: RenderInput): EmailContent {
  const ctx: EmailContext = {
    language: input.language,
    ref: referentialOf(input.referentialCode),
    ...(input.candidateName ? { candidateName: input.candidateName } : {}),
    ...(input.eligibilityReasons ? { eligibilityReasons: input.eligibilityReasons } : {}),
    ...(input.candidateUrl ? { candidateUrl: input.candidateUrl } : {}),
    ...(input.cpfIdentityAskedByMs !== undefined ? { cpfIdentityAskedByMs: input.cpfIdentityAskedByMs } : {}),
  };
  // The union ties template and data together; TypeScript cannot follow it through an index, hence the cast.
  const build = EMAILS[input.template] as (d: typeof input.data, c: EmailContext) => EmailContent;
  return build(input.data, ctx);
}

/** How the plain-text part is derived from the HTML (every email, the digests too). */
export const TEXT_OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: 'title', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'a', options: { linkBrackets: false as const, hideLinkHrefIfSameAsText: true } },
    { selector: 'ul', options: { itemPrefix: ' - ' } },
  ],
};

export async function renderEmail(input: RenderInput): Promise<RenderedEmail> {
  const content = emailContent(input);
  // French first, English beside: the other version follows the recipient's own.
  const otherContent = emailContent({ ...input, language: otherLanguage(input.language) });
  const html = await render(
    <EmailMessage
      language={input.language}
      recipientName={input.recipientName}
      content={content}
      otherContent={otherContent}
      link={input.link}
      linkExpiresAtMs={input.linkExpiresAtMs}
      lostLinkUrl={input.lostLinkUrl}
      audience={input.audience}
      admissionsEmail={input.admissionsEmail}
    />,
  );
  const text = toPlainText(html, TEXT_OPTIONS);
  const subject = `${content.reminder && !/^(Rappel|Reminder)/.test(content.subject) ? `${input.language === 'fr' ? 'Rappel' : 'Reminder'}${colon(input.language)}` : ''}${content.subject}`;
  return { subject, text, html };
}
