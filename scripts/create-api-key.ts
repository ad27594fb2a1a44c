// Creates a staff user (or updates their name and role) and prints a new API key once; only its hash is
// stored. Beside `npm start` on the embedded defaults no variable is needed; otherwise set DATABASE_URL.
// Usage: npm run api-key -- <email> <role> "<name>"   roles: admin, admissions, jury_coordinator, read_only
import { z } from 'zod';
import { issueApiKey } from '../api/auth/keys';
import { ROLES } from '../api/auth/roles';
import { loadConfig } from '../platform/config';
import { createDatabase } from '../platform/database';
import { embeddedDatabaseUrl } from '../platform/secrets';

const args = z.tuple([z.email(), z.enum(ROLES), z.string().trim().min(1)]).safeParse(process.argv.slice(2));
if (!args.success) {
  console.error(`usage: npm run api-key -- <email> <role> "<name>"   (role: ${ROLES.join(', ')})`);
  process.exit(2);
}
// Without DATABASE_URL: the embedded database of `npm start` (its password is in the data folder).
const config = loadConfig();
const url = config.DATABASE_URL ?? (await embeddedDatabaseUrl(config));
const [email, role, name] = args.data;
const db = createDatabase(url, 1);
try {
  const { key, prefix, staffUserId } = await issueApiKey(db, { email, name, role });
  console.error(`Staff user ${staffUserId} (${role}); key prefix ${prefix}. The key below is shown once: store it now.`);
  console.log(key);
} finally {
  await db.$disconnect();
}
