import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { findRepoRoot } from '@organizer/env';

export interface Stack {
  /** The runner's process id (its parts are its descendants). */
  pid: number;
  /** Seconds from spawning `pnpm dev`'s runner to its ready message. */
  readySeconds: number;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts the whole sample the way a newcomer does (`pnpm dev`, or `pnpm start` from the build: tenant, contacts, calendar, SPA on their
 * default ports) and waits for its ready message. The runner gets its own process group so that stop()
 * can clean up even if it hangs.
 */
export async function startStack(env: NodeJS.ProcessEnv, timeoutMs = 90_000, which: 'dev' | 'start' = 'dev'): Promise<Stack> {
  const root = findRepoRoot();
  const started = performance.now();
  // `pnpm start` runs the build with plain node: no tsx, and none of the tests' source condition (NODE_OPTIONS).
  const { NODE_OPTIONS: _sourceCondition, ...builtEnv } = env;
  const args = which === 'dev' ? ['--import', 'tsx', join(root, 'scripts/src/dev.ts')] : [join(root, 'scripts/bin/start.mjs')];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { ...(which === 'dev' ? env : builtEnv), FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = once(child, 'exit');

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT');
    const timer = setTimeout(() => {
      // The runner did not stop its parts in time: take down its whole process group.
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };

  const outcome = await new Promise<'ready' | 'exited' | 'timeout'>((resolve) => {
    const deadline = setTimeout(() => resolve('timeout'), timeoutMs);
    const check = () => {
      if (log.includes('is ready')) {
        clearTimeout(deadline);
        resolve('ready');
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(deadline);
      resolve(log.includes('is ready') ? 'ready' : 'exited');
    });
  });
  const readySeconds = (performance.now() - started) / 1000;
  if (outcome !== 'ready') {
    await stop();
    throw new Error(notReady(outcome, child, timeoutMs, log, `pnpm ${which}`));
  }
  return { pid: child.pid ?? 0, readySeconds, log: () => log, stop };
}

/**
 * Why the stack did not start, reason first: the runner's own lines (`pnpm dev: port 3000 (spa) already
 * in use…`, `pnpm dev: contacts exited before it was ready…`), then everything it printed.
 */
function notReady(outcome: 'exited' | 'timeout', child: Pick<ChildProcess, 'exitCode' | 'signalCode'>, timeoutMs: number, log: string, label: string): string {
  const said = log.split('\n').filter((line) => line.startsWith(`${label}: `));
  const how =
    outcome === 'exited'
      ? `${label} exited (${child.exitCode !== null ? `exit code ${child.exitCode}` : `signal ${child.signalCode}`}) before it was ready`
      : `${label} did not become ready within ${timeoutMs / 1000} s`;
  const reason = said.length > 0 ? `: ${said.map((line) => line.slice(`${label}: `.length)).join(' ')}` : '; its output below says why';
  return `${how}${reason}\n\nIts output:\n${log}`;
}
