import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * `taskset -c <core>` in front of a command, when taskset exists and the machine has a core to spare
 * for each side; otherwise nothing (and the report says the run was not pinned).
 */
export interface Pinning {
  pinned: boolean;
  reason: string;
  prefix(core: number): string[];
}

export function detectPinning(): Pinning {
  const cores = availableParallelism();
  if (cores < 2) return { pinned: false, reason: `only ${cores} core`, prefix: () => [] };
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
  } catch {
    return { pinned: false, reason: 'taskset not found', prefix: () => [] };
  }
  return { pinned: true, reason: 'service on core 0, load generator on core 1', prefix: (core) => ['taskset', '-c', String(core)] };
}

/** Spawn arguments for `node <args>`, behind the pinning prefix when there is one. */
export function pinnedCommand(pinning: Pinning, core: number, args: string[]): { command: string; args: string[] } {
  const prefix = pinning.prefix(core);
  const [first, ...rest] = [...prefix, process.execPath, ...args];
  return { command: first ?? process.execPath, args: rest };
}
