// Reads CPU profiles (.cpuprofile, as `node --cpu-prof` writes them) and tells where the time went:
// self time per function and per module, summed over the processes given, optionally only the samples
// taken in a window (V8 stamps samples with the monotonic clock, as process.hrtime does).
import { readFileSync } from 'node:fs';
import { projectRoot } from '../platform/tools';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  /** Time sampled busy (idle excluded), in ms: samples are taken on the wall clock, so a thread waiting for a core counts. */
  busyMs: number;
  samples: number;
  functions: { what: string; selfMs: number; share: number }[];
  modules: { what: string; selfMs: number; share: number }[];
}

/** A window in µs of the monotonic clock: `monotonicMicros()` before and after what is measured. */
export interface Window {
  fromUs: number;
  toUs: number;
}
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

const IDLE = '(idle)';

export function summarizeProfiles(profiles: CpuProfile[], window?: Window, top = 15): ProfileSummary {
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let busyMs = 0;
  let samples = 0;
  for (const profile of profiles) {
    const interval = meanIntervalMs(profile);
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const callerOf = callers(profile);
    for (const [id, hits] of hitsIn(profile, window)) {
      const frame = nodes.get(id)!.callFrame;
      if (frame.functionName === IDLE) continue;
      const ms = hits * interval;
      busyMs += ms;
      samples += hits;
      const file = shortUrl(frame.url);
      const fn = `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      const mod = frame.url.startsWith('wasm://') ? `${frame.url}, called from ${jsCaller(id, nodes, callerOf)}` : moduleOf(frame.url, frame.functionName);
      byModule.set(mod, (byModule.get(mod) ?? 0) + ms);
    }
  }
  const ranked = (m: Map<string, number>) =>
    [...m].map(([what, selfMs]) => ({ what, selfMs, share: busyMs ? selfMs / busyMs : 0 })).sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  return { busyMs, samples, functions: ranked(byFunction), modules: ranked(byModule) };
}

export const readProfile = (file: string): CpuProfile => JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

const meanIntervalMs = (p: CpuProfile) => (p.samples?.length ? (p.endTime - p.startTime) / p.samples.length / 1000 : 0);

/** Samples per node: all of them (hitCount), or those stamped inside the window. */
function hitsIn(profile: CpuProfile, window?: Window): Map<number, number> {
  const hits = new Map<number, number>();
  if (!window || !profile.samples || !profile.timeDeltas) {
    for (const n of profile.nodes) if (n.hitCount) hits.set(n.id, n.hitCount);
    return hits;
  }
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas![i]!;
    if (t >= window.fromUs && t <= window.toUs) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  return hits;
}

function callers(profile: CpuProfile): Map<number, number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  return parent;
}

/** WebAssembly has no file of its own to show: the JavaScript module that called into it says what it is. */
function jsCaller(id: number, nodes: Map<number, CpuProfileNode>, parent: Map<number, number>): string {
  for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
    const { url, functionName } = nodes.get(at)!.callFrame;
    if (url && !url.startsWith('wasm://')) return moduleOf(url, functionName);
  }
  return '(unknown)';
}

/** Project files relative to the project, packages as node_modules/<package>/…, Node's own as node:…. */
function shortUrl(url: string): string {
  const root = `file://${projectRoot}/`;
  return url.startsWith(root) ? url.slice(root.length) : url.replace(/^file:\/\//, '');
}

function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node (internals)';
  return shortUrl(url);
}
