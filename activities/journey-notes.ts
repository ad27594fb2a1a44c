// Free text that accompanies a journey decision (a jury comment, the detail of a reason) is personal data:
// callers store it here first and pass the returned id as `commentRef` in the decision payload, so workflow
// histories never hold it and erasing a person in the database is complete.
import type { Database } from '../platform/database';

export async function saveJourneyNote(db: Database, note: { journeyId: string; authorRef: string; text: string }): Promise<string> {
  const text = note.text.trim();
  if (text.length === 0) throw new RangeError('A note needs some text; omit commentRef when there is nothing to say.');
  const row = await db.journeyNote.create({ data: { journeyId: note.journeyId, authorRef: note.authorRef, text } });
  return row.id;
}
