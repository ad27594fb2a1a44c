// The daily digest of a jury member, reviewer or assessor (react-email): every decision waiting for them,
// each with its candidate, its step in words, its deadline (Paris time) and its own link, then the link
// that opens their queue. As every email: the person's language first, the other one below it.
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import { PHRASES, labelled, formatDateTime, type Language } from '../../wording/catalogue';
import { DIGEST } from '../../wording/jury';

const text = { color: '#1a1a1a', fontSize: '16px', lineHeight: '24px', margin: '12px 0' } as const;
const small = { color: '#333333', fontSize: '14px', lineHeight: '20px', margin: '8px 0' } as const;
const other = (l: Language): Language => (l === 'fr' ? 'en' : 'fr');

export interface DigestItem {
  candidateName: string;
  /** The step in words, in both languages. */
  step: { fr: string; en: string };
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
  const o = other(l);
  return (
    <Html lang={l}>
      <Head>
        <title>{digestSubject(items.length, l)}</title>
      </Head>
      <Preview>{DIGEST.preview(items.length)[l]}</Preview>
      <Body style={{ backgroundColor: '#ffffff', fontFamily: 'Arial, Helvetica, sans-serif', margin: 0 }}>
        <Container style={{ maxWidth: '40rem', padding: '24px' }}>
          <Text style={small} lang={o}>
            {DIGEST.otherVersionBelow[o]}
          </Text>
          <DigestVersion language={l} recipientName={recipientName} items={items} queueLink={queueLink} admissionsEmail={admissionsEmail} />
          <Section lang={o}>
            <Hr />
            <Text style={small}>
              <strong>{DIGEST.otherVersion[o]}</strong>
            </Text>
            <DigestVersion language={o} recipientName={recipientName} items={items} queueLink={queueLink} admissionsEmail={admissionsEmail} />
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

function DigestVersion({ language: l, recipientName, items, queueLink, admissionsEmail }: DigestMessageProps) {
  const fresh = items.filter((i) => i.isNew).length;
  return (
    <>
      <Heading as="h1" style={{ fontSize: '22px', color: '#1a1a1a' }}>
        {digestSubject(items.length, l)}
      </Heading>
      <Text style={text}>{`${PHRASES.hello[l]} ${recipientName},`}</Text>
      <Text style={text}>{DIGEST.intro(items.length, fresh)[l]}</Text>
      <ul>
        {items.map((i, n) => (
          <li key={`i${n}`} style={text}>
            <strong>{i.candidateName}</strong>
            {` – ${i.step[l]}${i.isNew ? ` (${DIGEST.isNew[l]})` : ''}. ${DIGEST.deadline[l]} ${i.dueAtMs === undefined ? '—' : formatDateTime(i.dueAtMs, l)}. `}
            <Link href={i.link}>{labelled(DIGEST.link[l], i.candidateName, l)}</Link>
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
      <Hr />
      <Text style={small}>{PHRASES.sender[l]}</Text>
      <Text style={small}>
        {PHRASES.contact[l]} <Link href={`mailto:${admissionsEmail}`}>{admissionsEmail}</Link>
      </Text>
    </>
  );
}
