// `npm run drill -- <name>|all [--cluster] [--n 30] [--concurrency 6] [--outage 75]`: fault drills.
// Each runs an intake, injects its fault, checks journeys, rows, audit and emails (by Message-ID), and
// prints a table row; a lost or duplicated effect, or a drill that cannot finish, exits 1.
import { FAULTS, faultNamed, type Fault } from './drill-faults';
import { drillTable, runDrill, type DrillResult } from './drill-run';

function option(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got ${argv[i + 1]})`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const name = argv.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  const cluster = argv.includes('--cluster');
  const where = cluster ? 'cluster' : 'embedded';
  const chosen: Fault[] = name === 'all' ? FAULTS.filter((f) => f.on.includes(where) && f.name !== 'none') : [faultNamed(name ?? '')].filter((f): f is Fault => f !== undefined);
  if (chosen.length === 0) {
    console.error(`usage: npm run drill -- <name>|all [--cluster] [--n 30] [--concurrency 6] [--outage 75]\ndrills: ${FAULTS.map((f) => `${f.name} (${f.on.join(', ')})`).join('; ')}`);
    return 2;
  }
  const options = {
    cluster, n: option(argv, 'n', 30), concurrency: option(argv, 'concurrency', 6), outageSeconds: option(argv, 'outage', 75),
    say: (msg: string) => console.log(`[drill ${new Date().toISOString().slice(11, 19)}] ${msg}`),
  };
  const results: DrillResult[] = [];
  let failed = false;
  for (const fault of chosen) {
    try {
      const result = await runDrill(fault, options);
      results.push(result);
      const all = [...result.lost.map((x) => ({ ...x, kind: 'LOST' })), ...result.duplicated.map((x) => ({ ...x, kind: 'DUPLICATED' })),
        ...result.redelivered.map((x) => ({ ...x, kind: 'SENT TWICE (same Message-ID, at-least-once SMTP)' }))];
      for (const f of all) {
        console.log(`  ${f.kind}: ${f.journeyId}: ${f.what}`);
      }
      if (result.lost.length || result.duplicated.length) failed = true;
    } catch (error) {
      failed = true;
      console.error(`[drill] ${fault.name} could not finish: ${(error as Error).message}`);
    }
  }
  if (results.length) console.log(`\n${drillTable(results)}\n`);
  console.log(failed ? '[drill] FAILED: see above' : `[drill] ${results.length} drill(s): no effect lost or duplicated`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error: Error) => {
  console.error(`[drill] ${error.message}`);
  process.exit(1);
});
