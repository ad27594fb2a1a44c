// Staff accounts for the console (people sign in by emailed link; API keys stay for integrations):
//   npm run staff -- add <email> <role> "<name>"     create (or update the name and role of) a staff member
//   npm run staff -- deactivate <email>              no more sign-in, sessions or keys for them
//   npm run staff -- list
// Roles: admin, admissions, jury_coordinator, read_only. Beside `npm start` on the embedded defaults no
// variable is needed (the embedded database and its password are found in JALON_DATA_DIR); else DATABASE_URL.
import { z } from 'zod';
import { ROLES } from '../api/auth/roles';
import { loadConfig } from '../platform/config';
import { createDatabase } from '../platform/database';
import { embeddedDatabaseUrl } from '../platform/secrets';

const usage = `usage: npm run staff -- add <email> <role> "<name>" | deactivate <email> | list   (role: ${ROLES.join(', ')})`;
const command = z.union([
  z.tuple([z.literal('add'), z.email(), z.enum(ROLES), z.string().trim().min(1).max(200)]),
  z.tuple([z.literal('deactivate'), z.email()]),
  z.tuple([z.literal('list')]),
]).safeParse(process.argv.slice(2));
if (!command.success) {
  console.error(usage);
  process.exit(2);
}
const config = loadConfig();
const url = config.DATABASE_URL ?? (await embeddedDatabaseUrl(config));
const db = createDatabase(url, 1);
try {
  const args = command.data;
  if (args[0] === 'add') {
    const [, email, role, name] = args;
    const staff = await db.staffUser.upsert({
      where: { email: email.toLowerCase() },
      create: { email: email.toLowerCase(), name, role },
      update: { name, role, deactivatedAt: null },
    });
    await db.auditEvent.create({ data: { actor: 'cli', action: 'staff.added', after: { staffUserId: staff.id, role } } });
    console.log(`Staff member ${staff.id} (${role}): ${email}. They sign in at /console with this address (a link is emailed).`);
  } else if (args[0] === 'deactivate') {
    const { count } = await db.staffUser.updateMany({ where: { email: args[1].toLowerCase(), deactivatedAt: null }, data: { deactivatedAt: new Date() } });
    if (count === 0) {
      console.error(`No active staff member with the email ${args[1]}.`);
      process.exit(1);
    }
    await db.staffSession.updateMany({ where: { staffUser: { email: args[1].toLowerCase() }, revokedAt: null }, data: { revokedAt: new Date() } });
    console.log(`Deactivated ${args[1]}: sessions ended, keys refused.`);
  } else {
    for (const s of await db.staffUser.findMany({ orderBy: { email: 'asc' } })) {
      console.log(`${s.email}\t${s.role}\t${s.name}${s.deactivatedAt ? '\t(deactivated)' : ''}`);
    }
  }
} finally {
  await db.$disconnect();
}
