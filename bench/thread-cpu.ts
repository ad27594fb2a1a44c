// CPU time of processes by thread, from /proc (Linux): the CPU profile samples only main threads, so
// this says how much of the app's CPU went elsewhere (the workflow threads, the SDK's Rust core, the
// garbage collector's helpers, I/O threads).
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds by thread name ("main" for each process's main thread), summed over the processes. */
export type ThreadCpu = Record<string, number>;

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function threadCpu(pids: number[]): ThreadCpu {
  const out: ThreadCpu = {};
  for (const pid of pids) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // gone
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        // "tid (comm) state …": the name may hold spaces or parentheses; fields count from after its ")".
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
        const name = tid === String(pid) ? 'main' : comm;
        out[name] = (out[name] ?? 0) + seconds;
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return out;
}

/** What was spent between two readings (threads that ended meanwhile are lost), largest first. */
export function cpuSpent(before: ThreadCpu, after: ThreadCpu): { thread: string; seconds: number }[] {
  return Object.entries(after)
    .map(([thread, seconds]) => ({ thread, seconds: Math.max(0, seconds - (before[thread] ?? 0)) }))
    .filter((t) => t.seconds > 0)
    .sort((a, b) => b.seconds - a.seconds);
}
