import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pinnedCommand, type Pinning } from './cpu-pinning.ts';
import type { LoadJob, LoadResult, OrchestratorMessage, WorkerMessage } from './load-job.ts';

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/** The load-generator process: one autocannon run at a time, on the core the service does not use. */
export interface LoadGenerator {
  /** Its process id (for its CPU time: a generator short of CPU caps the fastest route). */
  readonly pid: number | undefined;
  run(job: LoadJob): Promise<LoadResult>;
  close(): Promise<void>;
}

export async function startLoadGenerator(pinning: Pinning, repoRoot: string): Promise<LoadGenerator> {
  const { command, args } = pinnedCommand(pinning, 1, ['--import', 'tsx', WORKER]);
  // Over taskset, node still finds its IPC channel: the descriptor and NODE_CHANNEL_FD survive exec.
  const child: ChildProcess = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;

  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`load generator exited early (code ${code})`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.once('message', (m: WorkerMessage) => {
      child.off('exit', onExit);
      if (m.type === 'ready') resolve();
      else reject(new Error('load generator did not start'));
    });
  });
  child.on('message', (m: WorkerMessage) => {
    if (m.type === 'ready') return;
    const waiter = pending.get(m.id);
    pending.delete(m.id);
    if (m.type === 'result') waiter?.resolve(m.result);
    else waiter?.reject(new Error(`load generator: ${m.message}`));
  });
  child.on('exit', (code) => {
    exited = true;
    for (const waiter of pending.values()) waiter.reject(new Error(`load generator exited (code ${code})`));
    pending.clear();
  });

  return {
    pid: child.pid,
    run(job) {
      if (exited) return Promise.reject(new Error('load generator is not running'));
      const id = nextId++;
      return new Promise<LoadResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const message: OrchestratorMessage = { type: 'run', id, job };
        child.send(message);
      });
    },
    close() {
      if (exited) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        const message: OrchestratorMessage = { type: 'exit' };
        child.send(message);
      });
    },
  };
}
