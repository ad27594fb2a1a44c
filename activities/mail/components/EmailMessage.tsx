// The one layout of every email (react-email): who sends it, the message, the facts, the deadline, the
// personal link, and how to reach a person. Escaping by construction; the text part is derived from it.
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Section, Text } from '@react-email/components';
import { PHRASES, formatDateTime, type Language } from '../../wording/catalogue';
import type { EmailContent } from '../../wording/emails';

export interface EmailMessageProps {
  language: Language;
  recipientName: string;
  content: EmailContent;
  link?: string;
  /** The link's own expiry: said separately from the deadline, and only when it is set. */
  linkExpiresAtMs?: number;
  admissionsEmail: string;
}

const text = { color: '#1a1a1a', fontSize: '16px', lineHeight: '24px', margin: '12px 0' } as const;
const small = { color: '#333333', fontSize: '14px', lineHeight: '20px', margin: '8px 0' } as const;

export function EmailMessage({ language: l, recipientName, content, link, linkExpiresAtMs, admissionsEmail }: EmailMessageProps) {
  const due = content.dueAtMs !== undefined ? formatDateTime(content.dueAtMs, l) : undefined;
  return (
    <Html lang={l}>
      <Head>
        <title>{content.subject}</title>
      </Head>
      <Body style={{ backgroundColor: '#ffffff', fontFamily: 'Arial, Helvetica, sans-serif', margin: 0 }}>
        <Container style={{ maxWidth: '40rem', padding: '24px' }}>
          <Heading as="h1" style={{ fontSize: '22px', color: '#1a1a1a' }}>
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
                  {` : ${v}`}
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
              {/* HTML only: the text part already carries the link once, after the button's words. */}
              <Text style={small} data-skip-in-text="true">
                {PHRASES.copyLink[l]} <span style={{ wordBreak: 'break-all' }}>{link}</span>
              </Text>
              {linkExpiresAtMs !== undefined ? <Text style={small}>{`${PHRASES.linkValidUntil[l]} ${formatDateTime(linkExpiresAtMs, l)}.`}</Text> : null}
            </Section>
          ) : null}
          <Hr />
          <Text style={small}>{PHRASES.sender[l]}</Text>
          <Text style={small}>
            {PHRASES.contact[l]} <Link href={`mailto:${admissionsEmail}`}>{admissionsEmail}</Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
