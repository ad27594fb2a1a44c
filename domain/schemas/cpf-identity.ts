/**
 * The identity a certified holder is declared under to the CPF (the CDC's "accrochage" XSD 1.1.2,
 * element `titulaire`): birth name, usage name, one to three first names, birth date, sex, and where they
 * were born (a French commune by its INSEE code or postal code, or a country). Every message says what is
 * wrong and how to write it. Staff enter it through the API; the flux (cpf-flux.ts) is built from it.
 */
import { z } from 'zod';
import { isCalendarDate } from '../calendar';

// Control, format and bidi characters make a name show as something else (see api/routes/common.ts).
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

const name = (what: string, max: number) =>
  z.string({ error: `${what} is missing` }).normalize('NFC').trim()
    .min(1, `${what} is empty: write it as on the civil-status record`)
    .max(max, `${what} is longer than ${max} characters, the most the CDC's format accepts`)
    .refine((v) => !HIDDEN.test(v), `${what} contains control, invisible or text-direction characters: copy it again from a plain source`);

const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

export const BIRTH_PLACES = ['france', 'abroad'] as const;
export type BirthPlace = (typeof BIRTH_PLACES)[number];

export const cpfIdentitySchema = z.strictObject({
  birthName: name('The birth name', 60),
  usageName: optional(name('The usage name', 60)).describe('Only when it differs from the birth name (a married name, for example).'),
  firstNames: z.array(name('A first name', 60), { error: 'firstNames is missing: give the first names as a list, e.g. ["Camille", "Marie"]' })
    .min(1, 'At least one first name is needed')
    .max(3, 'At most three first names: the CDC\'s format has room for three'),
  birthDate: z.string({ error: 'The birth date is missing' })
    .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v), 'The birth date is not a date: write it as YYYY-MM-DD, e.g. 1994-03-21')
    .refine((v) => v >= '1900-01-01' && v <= '2099-12-31', 'The birth date must be between 1900 and 2099, as the CDC\'s format requires'),
  sex: z.enum(['M', 'F'], { error: 'The sex must be "M" or "F", the two values the CDC\'s format accepts' }),
  bornIn: z.enum(BIRTH_PLACES, { error: 'Say where the holder was born: "france" (with the commune) or "abroad" (with the country)' }),
  birthCommuneInsee: optional(z.string().trim().toUpperCase().regex(/^(\d{5}|2[AB]\d{3})$/, 'The INSEE code of the birth commune has 5 characters: 5 digits, or 2A/2B and 3 digits in Corsica (e.g. 75056, 2A004)')),
  birthPostalCode: optional(z.string().trim().regex(/^\d{5}$/, 'The postal code of the birth commune has 5 digits (e.g. 75001)')),
  birthCommuneName: optional(name('The birth commune\'s name', 60)),
  birthCountryCode: optional(z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'The birth country is its ISO 3166 three-letter code (e.g. BEL for Belgium, MAR for Morocco)')),
  birthCountryName: optional(name('The birth country\'s name', 60)),
}).superRefine((v, ctx) => {
  if (v.bornIn === 'france' && v.birthCommuneInsee == null && v.birthPostalCode == null) {
    ctx.addIssue({ code: 'custom', path: ['birthCommuneInsee'], message: 'The birth commune is missing: give its INSEE code (birthCommuneInsee, e.g. 75056) or its postal code (birthPostalCode, e.g. 75001)' });
  }
  if (v.bornIn === 'abroad' && v.birthCountryCode == null) {
    ctx.addIssue({ code: 'custom', path: ['birthCountryCode'], message: 'The birth country is missing: give its ISO 3166 three-letter code (e.g. BEL)' });
  }
  if (v.bornIn === 'abroad' && (v.birthCommuneInsee || v.birthPostalCode)) {
    ctx.addIssue({ code: 'custom', path: ['birthCommuneInsee'], message: 'A holder born abroad has no French commune code: remove it, or say bornIn "france"' });
  }
});

export type CpfIdentityInput = z.input<typeof cpfIdentitySchema>;
export type CpfIdentity = z.output<typeof cpfIdentitySchema>;

/** A problem with one field of a stored identity, for a holder a flux cannot declare yet. */
export interface IdentityProblem {
  field: string;
  message: string;
}

/** What keeps a stored identity (or none) out of a flux: each field named, in words. */
export function identityProblems(stored: unknown): IdentityProblem[] {
  if (stored === undefined || stored === null) return [{ field: 'identity', message: 'No identity is recorded for this holder: enter it with PUT /candidates/{id}/cpf-identity' }];
  const parsed = cpfIdentitySchema.safeParse(stored);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'identity', message: i.message }));
}
