import type { ChildProcess } from 'node:child_process';

/**
 * Polls `url` (a /health route) until it answers 2xx. Fails at once if `child`, the process that is to
 * serve it, exits first, and after `timeoutMs`; either failure carries the process's `output()`.
 */
export async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the service exited with ${child.exitCode} before ${url} answered:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the service never answered ${url} within ${timeoutMs / 1000} s:\n${output()}`);
}
