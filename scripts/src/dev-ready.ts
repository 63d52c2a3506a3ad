import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `url` until it answers with a 2xx. Resolves true when it does, false when `signal` aborts first
 * (the run is stopping) or `timeoutMs` passes.
 */
export async function waitForUrl(
  url: string,
  timeoutMs: number,
  signal: AbortSignal,
  intervalMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!signal.aborted && Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(2000)]) });
      await response.body?.cancel();
      if (response.ok) return true;
    } catch {
      // Not listening yet, or the request was aborted: try again until the deadline.
    }
    try {
      await sleep(intervalMs, undefined, { signal });
    } catch {
      return false;
    }
  }
  return false;
}
