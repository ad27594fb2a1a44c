// Recipient references -> name, address and language, read from the database at send time only.
import type { Database } from '../../platform/database';
import type { Recipient } from '../notification-types';
import { asLanguage, type Language } from './format';

export interface ResolvedRecipient {
  /** "candidate:<id>", "juryMember:<id>" or "staff": stored instead of a name wherever possible. */
  ref: string;
  name: string;
  email: string;
  language: Language;
  role: Recipient['kind'];
}

export class RecipientNotFoundError extends Error {
  override name = 'RecipientNotFoundError';
}

export async function resolveRecipient(db: Database, to: Recipient, admissionsEmail: string): Promise<ResolvedRecipient> {
  switch (to.kind) {
    case 'candidate': {
      const c = await db.candidate.findUnique({ where: { id: to.candidateId } });
      if (!c || c.erasedAt) throw new RecipientNotFoundError(`No candidate ${to.candidateId} (or erased): the email cannot be addressed. Check the journey's candidate id.`);
      return { ref: `candidate:${c.id}`, name: `${c.firstName} ${c.lastName}`, email: c.email, language: asLanguage(c.language), role: 'candidate' };
    }
    case 'juryMember': {
      const m = await db.juryMember.findUnique({ where: { id: to.memberId } });
      if (!m) throw new RecipientNotFoundError(`No jury member ${to.memberId}: the email cannot be addressed. Check the jury's composition.`);
      return { ref: `juryMember:${m.id}`, name: m.name, email: m.email, language: asLanguage(m.language), role: 'juryMember' };
    }
    case 'staff':
      return { ref: 'staff', name: 'équipe des admissions / admissions team', email: admissionsEmail, language: 'fr', role: 'staff' };
  }
}

/** The candidate a journey is about: journey ids are `journey:<certification>:<candidateId>`. */
export function candidateIdOfJourney(journeyId: string): string | undefined {
  const last = journeyId.split(':').at(-1) ?? '';
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(last) ? last : undefined;
}

export async function candidateNameOfJourney(db: Database, journeyId: string): Promise<string | undefined> {
  const id = candidateIdOfJourney(journeyId);
  if (!id) return undefined;
  const c = await db.candidate.findUnique({ where: { id }, select: { firstName: true, lastName: true, erasedAt: true } });
  return c && !c.erasedAt ? `${c.firstName} ${c.lastName}` : undefined;
}
