import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { readEnv } from '@organizer/env';
import { processTree, signalTree, type TreeProcess } from './process-tree.ts';
import type { DevStartupReport, Skipped } from './report-types.ts';

/** What "every part ready" means: each default port answers its own readiness URL with 2xx. */
const PARTS = [
  { name: 'local tenant', port: 4000, path: '/.well-known/openid-configuration' },
  { name: 'contacts', port: 3001, path: '/health' },
  { name: 'calendar', port: 3002, path: '/health' },
  { name: 'spa', port: 3000, path: '/' },
];
const TIMEOUT_MS = 60_000;

/**
 * Time from spawning `pnpm dev` to every part answering, `runs` times. Skipped when scripts/src/dev.ts
 * does not exist yet or a default port is already taken (another `pnpm dev` or a browser test).
 */
export async function measureDevStartup(repoRoot: string, runs: number, log: (m: string) => void): Promise<DevStartupReport | Skipped> {
  if (!existsSync(join(repoRoot, 'scripts/src/dev.ts'))) return { skipped: 'scripts/src/dev.ts does not exist yet' };
  const results: DevStartupReport['runs'] = [];
  for (let i = 0; i < runs; i++) {
    const busy = [];
    for (const part of PARTS) if (await portInUse(part.port)) busy.push(part.port);
    if (busy.length) {
      return results.length ? { runs: results, note: `later runs skipped: port ${busy.join(', ')} in use` } : { skipped: `port ${busy.join(', ')} already in use` };
    }
    log(`pnpm dev start-up, run ${i + 1}/${runs}`);
    results.push(await oneRun(repoRoot));
  }
  return { runs: results };
}

async function oneRun(repoRoot: string): Promise<DevStartupReport['runs'][number]> {
  const env = { ...readEnv(process.env), CI: '1', FORCE_COLOR: '0', NO_COLOR: '1' };
  const started = performance.now();
  // Its own process group, so SIGINT reaches pnpm and every part it started, as Ctrl-C would.
  const child = spawn('pnpm', ['dev'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  let messageMs: number | undefined;
  const collect = (c: Buffer): void => {
    output += c.toString();
    if (messageMs === undefined && /is ready/.test(output)) messageMs = performance.now() - started;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

  const pending = new Set(PARTS);
  while (pending.size && !exited && performance.now() - started < TIMEOUT_MS) {
    for (const part of [...pending]) if (await answers(part.port, part.path)) pending.delete(part);
    if (pending.size) await new Promise((r) => setTimeout(r, 25));
  }
  const ms = performance.now() - started;
  // Only while pnpm dev still runs: if it stopped (say a port was taken), whatever answered is not ours.
  const ready = pending.size === 0 && !exited;
  const tree = child.pid === undefined ? [] : processTree(child.pid);
  const processes = tree.filter((p) => p.cpuSeconds > 0);
  if (!ready) process.stderr.write(`pnpm dev: not ready (${[...pending].map((p) => p.name).join(', ')}):\n${output.slice(-2000)}\n`);

  if (child.pid !== undefined) await stopTree(child.pid, tree, exit);
  // The parts may outlive pnpm by a moment; wait until the ports are free for the next run.
  for (const part of PARTS) {
    for (let i = 0; i < 100 && (await portInUse(part.port)); i++) await new Promise((r) => setTimeout(r, 100));
  }
  const parts = /Running: (.*)/.exec(output)?.[1]?.trim();
  return { ms, ready, ...(messageMs === undefined ? {} : { messageMs }), ...(parts ? { parts } : {}), processes };
}

/**
 * SIGINT to every process group `pnpm dev` made (pnpm 12 puts the script in a group of its own, so a
 * signal to pnpm's group alone stops nothing), then SIGKILL to whatever is left after 10 s.
 */
async function stopTree(rootPid: number, seen: TreeProcess[], exit: Promise<void>): Promise<void> {
  // The tree seen at ready time too, in case pnpm itself has already gone and its children live on.
  signalTree([...seen, ...processTree(rootPid)], 'SIGINT');
  const stopped = await Promise.race([exit.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
  if (stopped) return;
  for (const p of [...seen, ...processTree(rootPid)]) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await exit;
}

async function answers(port: number, path: string): Promise<boolean> {
  try {
    const res = await fetch(`http://localhost:${port}${path}`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: 'localhost' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
