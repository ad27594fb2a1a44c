// Diagnostic, run on demand: several Prisma clients with interactive transactions against the embedded
// PGlite server. With pglite-socket 0.2.17's server it showed "unnamed prepared statement does not exist",
// "portal \"\" does not exist", "bind message supplies N parameters", existing rows read as null, and a
// stall (in the test suite also a query answered with another query's row). With our own server
// (platform/services/pglite-server.ts): {"lookups":600,"done":600,"wrong":0,"nulls":0,"errors":0}.
//   node --import tsx bench/embedded-pg-concurrency.ts
import { startEmbeddedPostgres } from '../platform/services/embedded-postgres';
import { applyMigrations } from '../prisma/migrate';
import { createDatabase } from '../platform/database';

const pg = await startEmbeddedPostgres({ port: 0, maxConnections: 100 });
await applyMigrations(pg.url);
const clients = Array.from({ length: 3 }, () => createDatabase(pg.url, 5));
const ids: string[] = [];
for (let i = 0; i < 20; i++) ids.push((await clients[0]!.staffUser.create({ data: { email: `u${i}@example.org`, name: `u${i}`, role: `r${i}` } })).id);
const tally = { done: 0, wrong: 0, nulls: 0, errors: 0 };
const stall = setTimeout(() => {
  console.log(JSON.stringify({ stalled: true, ...tally }));
  process.exit(1);
}, 60_000);
await Promise.all(clients.map(async (db, k) => {
  for (let round = 0; round < 10; round++) {
    await Promise.all(ids.map(async (id, i) => {
      try {
        if (i % 4 === k) await db.$transaction(async (tx) => void (await tx.auditEvent.create({ data: { actor: 'bench', action: 'tx' } })));
        const user = await db.staffUser.findUnique({ where: { id } });
        if (!user) tally.nulls++;
        else if (user.role !== `r${i}`) tally.wrong++;
      } catch (error) {
        if (tally.errors++ < 3) console.log((error as Error).message.slice(-200));
      }
      tally.done++;
    }));
  }
}));
clearTimeout(stall);
console.log(JSON.stringify({ lookups: 3 * 10 * 20, ...tally }));
for (const c of clients) await c.$disconnect();
await pg.stop();
