// `npm run bench` options. Bad ones stop the bench with a sentence saying what is expected.
import { CONFIGS, type BenchConfig } from './configs';

export interface BenchOptions {
  n: number;
  concurrency: number;
  runs: number;
  scaling: number[];
  /** Run in this order, each on every N of `scaling`. */
  configs: BenchConfig[];
  /** CPU profile of the app processes (summary printed, files kept). */
  profile?: boolean;
  /** Count the app's SQL statements on the postgres configurations (--no-round-trips: not). */
  roundTrips?: boolean;
  progress: (msg: string) => void;
}

export function parseArgs(argv: string[]): BenchOptions {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const positive = (name: string, fallback: number) => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got ${raw})`);
    return n;
  };
  const smoke = argv.includes('--smoke');
  const external = argv.includes('--external');
  const n = smoke ? 20 : positive('n', 1000);
  return {
    n,
    concurrency: positive('concurrency', smoke ? 5 : 20),
    runs: smoke || external ? 1 : positive('runs', 3),
    configs: external ? ['external'] : configsOf(value('config'), value('configs')),
    profile: argv.includes('--profile'),
    roundTrips: !argv.includes('--no-round-trips'),
    scaling: argv.includes('--scaling') ? [100, 1000, 5000] : [n],
    progress: (msg) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`),
  };
}

/** `--config postgres`, `--configs embedded,split`, `--configs all`; embedded by default. */
export function configsOf(config?: string, configs?: string): BenchConfig[] {
  const raw = configs ?? config ?? 'embedded';
  const names = raw === 'all' ? [...CONFIGS] : raw.split(',').map((c) => c.trim());
  for (const name of names) {
    if (!(CONFIGS as readonly string[]).includes(name)) {
      throw new Error(`--config${configs ? 's' : ''}: no configuration "${name}"; choose among ${CONFIGS.join(', ')} (or --configs all, or --external for running services)`);
    }
  }
  return names as BenchConfig[];
}
