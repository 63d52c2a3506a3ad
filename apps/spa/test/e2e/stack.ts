import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { findRepoRoot } from '@organizer/env';

export interface Stack {
  /** Seconds from spawning `pnpm dev`'s runner to its ready message. */
  readySeconds: number;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts the whole sample the way a newcomer does (`pnpm dev`: tenant, contacts, calendar, SPA on their
 * default ports) and waits for its ready message. The runner gets its own process group so that stop()
 * can clean up even if it hangs.
 */
export async function startStack(env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<Stack> {
  const root = findRepoRoot();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/src/dev.ts')], {
    cwd: root,
    env: { ...env, FORCE_COLOR: '0' },
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

  const ready = await new Promise<boolean>((resolve) => {
    const deadline = setTimeout(() => resolve(false), timeoutMs);
    const check = () => {
      if (log.includes('is ready')) {
        clearTimeout(deadline);
        resolve(true);
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(deadline);
      resolve(log.includes('is ready'));
    });
  });
  const readySeconds = (performance.now() - started) / 1000;
  if (!ready) {
    await stop();
    throw new Error(`pnpm dev did not become ready within ${timeoutMs / 1000} s:\n${log}`);
  }
  return { readySeconds, log: () => log, stop };
}
