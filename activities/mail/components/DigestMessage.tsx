// The daily digest of a jury member, reviewer or assessor (react-email): every decision waiting for them,
// each with its candidate, its step in words, its deadline (Paris time) and its own link, then the link
// that opens their queue. Same layout and footer as every email (EmailMessage).
import { Body, Button, Container, Head, Heading, Html, Link, Preview, Section, Text } from '@react-email/components';
import { PHRASES, formatDateTime, type Language } from '../../wording/catalogue';
import { DIGEST } from '../../wording/jury';
import { EmailFooter, small, text } from './EmailMessage';

export interface DigestItem {
  candidateName: string;
  step: string;
  dueAtMs?: number;
  link: string;
  isNew: boolean;
}

export interface DigestMessageProps {
  language: Language;
  recipientName: string;
  items: DigestItem[];
  queueLink: string;
  admissionsEmail: string;
}

export const digestSubject = (count: number, l: Language) => DIGEST.subject(count)[l];

export function DigestMessage({ language: l, recipientName, items, queueLink, admissionsEmail }: DigestMessageProps) {
  const fresh = items.filter((i) => i.isNew).length;
  return (
    <Html lang={l}>
      <Head>
        <title>{digestSubject(items.length, l)}</title>
      </Head>
      <Preview>{DIGEST.preview(items.length)[l]}</Preview>
      <Body style={{ backgroundColor: '#ffffff', fontFamily: 'Arial, Helvetica, sans-serif', margin: 0 }}>
        <Container style={{ maxWidth: '40rem', padding: '24px' }}>
          <Heading as="h1" style={{ fontSize: '22px', color: '#1a1a1a' }}>
            {digestSubject(items.length, l)}
          </Heading>
          <Text style={text}>{`${PHRASES.hello[l]} ${recipientName},`}</Text>
          <Text style={text}>{DIGEST.intro(items.length, fresh)[l]}</Text>
          <ul>
            {items.map((i, n) => (
              <li key={`i${n}`} style={text}>
                <strong>{i.candidateName}</strong>
                {` – ${i.step}${i.isNew ? ` (${DIGEST.isNew[l]})` : ''}. ${DIGEST.deadline[l]} ${i.dueAtMs === undefined ? '—' : formatDateTime(i.dueAtMs, l)}. `}
                <Link href={i.link}>{`${DIGEST.link[l]} : ${i.candidateName}`}</Link>
              </li>
            ))}
          </ul>
          <Section>
            <Button href={queueLink} style={{ backgroundColor: '#0b3d91', color: '#ffffff', padding: '12px 20px', borderRadius: '4px', textDecoration: 'underline' }}>
              {DIGEST.queueButton[l]}
            </Button>
            <Text style={small}>{`${PHRASES.personalLink[l]} ${DIGEST.queueLinkNote[l]}`}</Text>
          </Section>
          <Text style={small}>{DIGEST.once[l]}</Text>
          <EmailFooter language={l} admissionsEmail={admissionsEmail} />
        </Container>
      </Body>
    </Html>
  );
}
