import { readdirSync, readFileSync } from 'node:fs';

/** Seconds a process's threads ran on a CPU, and its main thread waited runnable for one (Linux only). */
export interface CpuTimes {
  run: number;
  wait: number;
}

/**
 * Reads /proc/<pid>/task/<tid>/schedstat (nanosecond counters: time on a CPU, time waiting on a run
 * queue). Requests per CPU-second barely move when other processes steal the core,
 * while requests per second do, so the report gives both.
 */
export function readCpuTimes(pid: number): CpuTimes | undefined {
  try {
    let run = 0;
    let wait = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const [onCpu, queued] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
      run += onCpu ?? 0;
      // Only the main (JavaScript) thread's wait: idle helper threads waking up would blur it.
      if (tid === String(pid)) wait += queued ?? 0;
    }
    return { run: run / 1e9, wait: wait / 1e9 };
  } catch {
    return undefined;
  }
}
