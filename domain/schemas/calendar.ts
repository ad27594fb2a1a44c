// zod schema of a calendar date, for the API and activities; workflows use domain/calendar.ts without zod.
import { z } from 'zod';
import { isCalendarDate } from '../calendar';

// Not z.iso.date(): inside Temporal's workflow sandbox it refuses every string ("expected date"),
// so workflows could not load a referential. A plain string checked by our own calendar instead.
export const isoDateSchema = z.string().refine(isCalendarDate, { error: 'must be a valid calendar date YYYY-MM-DD' });
