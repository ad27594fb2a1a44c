// zod schema of an internship period (input); the arithmetic is in domain/internship.ts.
import { z } from 'zod';
import { isoDateSchema } from './calendar';

const isoDate = isoDateSchema;

export const internshipPeriodSchema = z
  .object({
    start: isoDate,
    /** Last day worked, included. */
    end: isoDate,
    weeklyHours: z.number().positive().optional(),
    fteRatio: z.number().positive().optional(),
  })
  .refine((p) => p.end >= p.start, { error: 'end must not be before start', path: ['end'] })
  .refine((p) => p.weeklyHours === undefined || p.fteRatio === undefined, {
    error: 'give weekly hours or an FTE ratio, not both',
    path: ['fteRatio'],
  });
export type InternshipPeriod = z.infer<typeof internshipPeriodSchema>;
