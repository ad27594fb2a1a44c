// What one of the bench's own polls costs the database: staff's page of a candidate (GET
// /candidates/:id), read `times` times after the intake with the statement log on. The bench polls
// that page until a journey reaches its selection stage, so those statements are in the intake's count
// without being the decisions' own.
import pg from 'pg';
import type { ConfiguredSystem } from './configs';

export async function statementsPerCandidateRead(system: ConfiguredSystem, apiKey: string, times = 20): Promise<number> {
  if (!system.statements) throw new Error('no statement log on this configuration');
  const sql = new pg.Client({ connectionString: system.databaseUrl });
  await sql.connect();
  let id: string;
  try {
    id = (await sql.query<{ id: string }>('SELECT id FROM "Candidate" ORDER BY "createdAt" DESC LIMIT 1')).rows[0]!.id;
  } finally {
    await sql.end();
  }
  const from = system.statements.logOffset();
  for (let i = 0; i < times; i++) {
    const res = await fetch(`${system.api}/candidates/${id}`, { headers: { Authorization: `Bearer ${apiKey}` } });
    if (!res.ok) throw new Error(`GET /candidates/${id} answered ${res.status} while measuring the cost of a read`);
    await res.arrayBuffer();
  }
  return (await system.statements.countStatements(from)).total / times;
}
