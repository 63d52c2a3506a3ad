import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export interface RunningService {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the output once `pattern` appears in it; rejects after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<string>;
  stop(): Promise<void>;
}

/** Output and exit status of a service that was expected to refuse to start. */
export interface FailedStart {
  readonly code: number | null;
  readonly stderr: string;
}

function spawnEntry(cwd: string, env: Record<string, string>, entry: string): ChildProcess {
  // The `start` script's entry run as it runs it, by Node with its own type stripping (the memory flag does
  // not matter to these tests), as one process so that a signal reaches the service itself.
  return spawn(process.execPath, [entry], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Starts a service's entry file (`entry` in `cwd`, its src/index.ts unless told) and waits for its
 * "listening on http://localhost:<port>" line.
 */
export async function startService(
  cwd: string,
  env: Record<string, string>,
  entry = 'src/index.ts',
): Promise<RunningService> {
  const child = spawnEntry(cwd, env, entry);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    url,
    output: () => output,
    async waitForOutput(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms in:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return output;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Runs an entry file that should refuse to start, and collects its exit code and stderr. */
export async function failedStart(
  cwd: string,
  env: Record<string, string>,
  entry = 'src/index.ts',
): Promise<FailedStart> {
  const child = spawnEntry(cwd, env, entry);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}
