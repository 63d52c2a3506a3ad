import { readdirSync, readFileSync } from 'node:fs';

export interface TreeProcess {
  pid: number;
  pgid: number;
  command: string;
  cpuSeconds: number;
}

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

/**
 * A process and all its descendants with the CPU time each has used so far (Linux /proc; empty
 * elsewhere). pnpm 12 runs a script in a process group of its own, so the tree, not the group, is
 * what `pnpm dev` started; and on a 2-core machine start-up time is mostly CPU, so this says who used it.
 */
export function processTree(rootPid: number): TreeProcess[] {
  const all = new Map<number, TreeProcess & { ppid: number }>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command name: state (3), ppid (4), pgrp (5), utime (14), stime (15).
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      all.set(Number(pid), {
        pid: Number(pid),
        ppid: Number(f[1]),
        pgid: Number(f[2]),
        command: shorten(command),
        cpuSeconds: (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND,
      });
    } catch {
      // the process ended while we looked
    }
  }
  const tree: TreeProcess[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift() as number;
    const p = all.get(pid);
    if (!p) continue;
    tree.push({ pid: p.pid, pgid: p.pgid, command: p.command, cpuSeconds: p.cpuSeconds });
    for (const child of all.values()) if (child.ppid === pid) queue.push(child.pid);
  }
  return tree;
}

/** Sends the signal to every process group in the tree, as Ctrl-C in a terminal reaches a whole job. */
export function signalTree(tree: TreeProcess[], signal: NodeJS.Signals): void {
  for (const pgid of new Set(tree.map((p) => p.pgid))) {
    try {
      process.kill(-pgid, signal);
    } catch {
      // the group is gone already
    }
  }
}

function shorten(command: string): string {
  return command
    .replace(/\S*\/node_modules\/\S*\/node_modules\//g, '…/')
    .replace(/\/work\/[^ ]*?\/(apps|scripts|packages)\//g, '$1/')
    .slice(0, 110);
}
