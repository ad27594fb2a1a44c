// zod schema of the certifier's CDC identifiers (API input, stored settings); the flux is built in domain/cpf-flux.ts.
import { z } from 'zod';

/** The certifier's identifiers at the CDC, given when the certifier signed up to the CPF deposit service. */
export const cpfSettingsSchema = z.strictObject({
  idClient: z.string({ error: 'idClient is missing' }).trim().regex(/^[A-Za-z0-9]{8}$/, 'idClient is the certifier\'s 8-character client number at the CDC (letters and digits, e.g. 0A1B2C3D)'),
  idContrat: z.string({ error: 'idContrat is missing' }).trim().regex(/^[A-Za-z0-9_-]{1,20}$/, 'idContrat is the CDC contract number: 1 to 20 letters, digits, "-" or "_"'),
});
export type CpfSettings = z.output<typeof cpfSettingsSchema>;
