// `npm run bench`: a whole intake through the real stack, measured against bare Temporal in the same run,
// on one or more configurations (bench/configs.ts). Prints progress, then one table with a column per
// configuration and N; writes JSON to bench/results/<stamp>.json and the systems' output (and CPU
// profiles) to bench/results/<stamp>/. Options:
//   --n 1000            candidates per intake            --concurrency 20   people acting at once
//   --runs 3            runs per figure (median)          --scaling          also N = 100, 1,000, 5,000
//   --config embedded   or postgres, or split             --configs all      the three, in sequence (or a list: embedded,split)
//   --profile           CPU profile of the app process(es), top self time printed
//   --no-round-trips    no statement log on postgres and split (its writing costs the server a little)
//   --smoke             N = 20, one run (what CI runs to keep the harness working)
//   --external          against DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL as given (e.g. `npm run cluster`), one run
// On postgres and split, the app's SQL statements are counted from the server's log (round trips per decision).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { parseArgs, type BenchOptions } from './args';
import { report, type BenchResult } from './report';
import { runScale, type ScaleResult } from './scale';

export { report } from './report';
export type { BenchOptions } from './args';

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const stampOf = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

export async function runBench(options: Omit<BenchOptions, 'configs'> & { configs?: BenchOptions['configs']; outDir?: string }): Promise<BenchResult & { outDir: string }> {
  const outDir = options.outDir ?? path.join(resultsDir, stampOf(new Date()));
  mkdirSync(outDir, { recursive: true });
  const configs = options.configs ?? ['embedded'];
  const loadAtStart = os.loadavg();
  const scales: ScaleResult[] = [];
  const failures: BenchResult['failures'] = [];
  const result = () => ({ machine: { ...machineInfo(configs.includes('external')), loadAtStart }, scales, failures, outDir });
  for (const config of configs) {
    for (const n of options.scaling) {
      // One column failing (a stuck journey, a server that would not start) keeps the others' figures:
      // it is reported, and the JSON so far is written after each column.
      try {
        scales.push(await runScale(config, n, { ...options, outDir }));
      } catch (error) {
        options.progress(`${config}, N=${n} FAILED: ${(error as Error).message}`);
        failures.push({ config, n, error: (error as Error).message });
      }
      writeFileSync(`${outDir}.json`, JSON.stringify(result(), null, 2));
    }
  }
  return result();
}

function machineInfo(external = false) {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryBytes: os.totalmem(),
    loadAtEnd: os.loadavg(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    temporalCli: external ? `external at ${process.env.TEMPORAL_ADDRESS}` : 'CLI 1.9.1 (dev server 1.32.0)',
    temporalSdk: '1.24.0',
    prisma: '6.19.3',
    date: new Date().toISOString(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  let options: BenchOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    process.exit(2);
  }
  const result = await runBench(options);
  console.log(`\n${report(result)}\n\nload average at the end (1, 5, 15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}\nwritten: ${path.relative(process.cwd(), `${result.outDir}.json`)}`);
  process.exit(result.failures.length ? 1 : 0);
}
