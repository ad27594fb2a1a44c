// The one layout of every email (react-email): who sends it, the message, the facts, the deadline, the
// personal link, and how to reach a person. The school works in French with English beside it, so every
// email carries both versions, the recipient's language first. Escaping by construction; the text part is
// derived from it.
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Section, Text } from '@react-email/components';
import { PHRASES, formatDateTime, otherLanguage, type Language } from '../../wording/catalogue';
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
  admissionsEmail: string;
}

export const text = { color: '#1a1a1a', fontSize: '16px', lineHeight: '24px', margin: '12px 0' } as const;
export const small = { color: '#333333', fontSize: '14px', lineHeight: '20px', margin: '8px 0' } as const;

export function EmailMessage({ language: l, recipientName, content, otherContent, link, linkExpiresAtMs, admissionsEmail }: EmailMessageProps) {
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
          <Version language={l} recipientName={recipientName} content={content} link={link} linkExpiresAtMs={linkExpiresAtMs} withCopyLine />
          <EmailFooter language={l} admissionsEmail={admissionsEmail} />
          {otherContent ? (
            <Section lang={o}>
              <Hr />
              <Text style={small}>
                <strong>{PHRASES.otherVersion[o]}</strong>
              </Text>
              <Version language={o} recipientName={recipientName} content={otherContent} link={link} linkExpiresAtMs={linkExpiresAtMs} />
              <EmailFooter language={o} admissionsEmail={admissionsEmail} />
            </Section>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

/** Who sends the message and how to reach a person: the end of every email. */
export function EmailFooter({ language: l, admissionsEmail }: { language: Language; admissionsEmail: string }) {
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
