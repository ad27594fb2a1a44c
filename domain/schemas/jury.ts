// zod schema of a jury member (input); the composition rules are in domain/jury.ts.
import { z } from 'zod';

export const juryMemberSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['school', 'external_professional']),
  /** Currently working in the field (required of external professionals). */
  inActivity: z.boolean(),
  name: z.string().optional(),
});
export type JuryMember = z.infer<typeof juryMemberSchema>;
