// The one layout of every email (react-email): who sends it, the message, the facts, the deadline, the
// personal link, and how to reach a person. The school works in French with English beside it, so every
// email carries both versions, the recipient's language first. Escaping by construction; the text part is
// derived from it.
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Section, Text } from '@react-email/components';
import { PHRASES, colon, formatDateTime, otherLanguage, type Language } from '../../wording/catalogue';
import type { EmailContent } from '../../wording/emails';

export interface EmailMessageProps {
  language: Language;
  recipientName: string;
  content: EmailContent;
  /** The same message in the other working language, said after the first. */
  otherContent?: EmailContent;
  link?: string;
  /** The link's own expiry: said separately from the deadline, and only when it is set. */
  linkExpiresAtMs?: number;
  /** A candidate space link: where to ask for a new one. */
  lostLinkUrl?: string;
  admissionsEmail: string;
  /** Who reads it: staff get the tool's footer (who sends it, whom to ask), everyone else the admissions office's. */
  audience?: Audience;
}

export type Audience = 'staff' | 'others';

export const text = { color: '#1a1a1a', fontSize: '16px', lineHeight: '24px', margin: '12px 0' } as const;
export const small = { color: '#333333', fontSize: '14px', lineHeight: '20px', margin: '8px 0' } as const;

export function EmailMessage({ language: l, recipientName, content, otherContent, link, linkExpiresAtMs, lostLinkUrl, admissionsEmail, audience = 'others' }: EmailMessageProps) {
  const o = otherLanguage(l);
  return (
    <Html lang={l}>
      <Head>
        <title>{content.subject}</title>
      </Head>
      <Body style={{ backgroundColor: '#ffffff', fontFamily: 'Arial, Helvetica, sans-serif', margin: 0 }}>
        <Container style={{ maxWidth: '40rem', padding: '24px' }}>
          {otherContent ? (
            <Text style={small} lang={o}>
              {PHRASES.otherVersionBelow[o]}
            </Text>
          ) : null}
          <Version language={l} recipientName={recipientName} content={content} link={link} linkExpiresAtMs={linkExpiresAtMs} lostLinkUrl={lostLinkUrl} withCopyLine />
          <EmailFooter language={l} admissionsEmail={admissionsEmail} audience={audience} />
          {otherContent ? (
            <Section lang={o}>
              <Hr />
              <Text style={small}>
                <strong>{PHRASES.otherVersion[o]}</strong>
              </Text>
              <Version language={o} recipientName={recipientName} content={otherContent} link={link} linkExpiresAtMs={linkExpiresAtMs} lostLinkUrl={lostLinkUrl} />
              <EmailFooter language={o} admissionsEmail={admissionsEmail} audience={audience} />
            </Section>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

interface VersionProps {
  language: Language;
  recipientName: string;
  content: EmailContent;
  link?: string;
  linkExpiresAtMs?: number;
  lostLinkUrl?: string;
  /** The raw link for a failing button: once per email, in the first version. */
  withCopyLine?: boolean;
}

function Version({ language: l, recipientName, content, link, linkExpiresAtMs, lostLinkUrl, withCopyLine }: VersionProps) {
  const due = content.dueAtMs !== undefined ? formatDateTime(content.dueAtMs, l) : undefined;
  return (
    <>
      <Heading as={withCopyLine ? 'h1' : 'h2'} style={{ fontSize: '22px', color: '#1a1a1a' }}>
        {content.subject}
      </Heading>
      <Text style={text}>{`${PHRASES.hello[l]} ${recipientName},`}</Text>
      {content.paragraphs.map((p, i) => (
        <Text key={`p${i}`} style={text}>
          {p}
        </Text>
      ))}
      {content.list && content.list.length > 0 ? (
        <ul>
          {content.list.map((item, i) => (
            <li key={`l${i}`} style={text}>
              {item}
            </li>
          ))}
        </ul>
      ) : null}
      {content.facts && content.facts.length > 0 ? (
        <Section>
          {content.facts.map(([k, v], i) => (
            <Text key={`f${i}`} style={text}>
              <strong>{k}</strong>
              {`${colon(l)}${v}`}
            </Text>
          ))}
        </Section>
      ) : null}
      {(content.next ?? []).map((p, i) => (
        <Text key={`n${i}`} style={text}>
          {p}
        </Text>
      ))}
      {due ? (
        <Text style={text}>
          <strong>{`${PHRASES.dueBefore[l]} ${due}.`}</strong>
        </Text>
      ) : null}
      {link ? (
        <Section>
          <Button href={link} style={{ backgroundColor: '#0b3d91', color: '#ffffff', padding: '12px 20px', borderRadius: '4px', textDecoration: 'underline' }}>
            {content.cta ?? PHRASES.linkIntro[l]}
          </Button>
          <Text style={small}>{PHRASES.personalLink[l]}</Text>
          {withCopyLine ? (
            // HTML only: the text part already carries the link once, after the button's words.
            <Text style={small} data-skip-in-text="true">
              {PHRASES.copyLink[l]} <span style={{ wordBreak: 'break-all' }}>{link}</span>
            </Text>
          ) : null}
          {linkExpiresAtMs !== undefined ? <Text style={small}>{`${PHRASES.linkValidUntil[l]} ${formatDateTime(linkExpiresAtMs, l)}.`}</Text> : null}
          {lostLinkUrl ? (
            <Text style={small}>
              {PHRASES.newSpaceLink[l]} <Link href={lostLinkUrl}>{lostLinkUrl}</Link>
            </Text>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}

/** Who sends the message and how to reach a person: the end of every email. */
export function EmailFooter({ language: l, admissionsEmail, audience = 'others' }: { language: Language; admissionsEmail: string; audience?: Audience }) {
  if (audience === 'staff') {
    return (
      <>
        <Hr />
        <Text style={small}>{PHRASES.staffSender[l]}</Text>
        <Text style={small}>{PHRASES.staffContact[l]}</Text>
      </>
    );
  }
  return (
    <>
      <Hr />
      <Text style={small}>{PHRASES.sender[l]}</Text>
      <Text style={small}>
        {PHRASES.contact[l]} <Link href={`mailto:${admissionsEmail}`}>{admissionsEmail}</Link>
      </Text>
    </>
  );
}
