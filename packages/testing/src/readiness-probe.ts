import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';

/** The 503 bodies of GET /ready, by what is missing. */
export const NOT_READY = {
  keys: {
    error: 'temporarily_unavailable',
    error_description: "Not ready: the tenant's signing keys are not loaded yet",
  },
  store: { error: 'temporarily_unavailable', error_description: 'Not ready: the data store cannot be reached' },
} as const;

/** The loopback URL of a listening server, for fetch. */
export function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Polls GET /ready until it answers 200; resolves with the last status seen (0: no answer). */
export async function waitForReady(url: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  while (Date.now() < deadline) {
    status = await fetch(`${url}/ready`).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return status;
}

/**
 * One GET /ready while the store is gone: asserts the 503 that names the store, with Retry-After, within
 * the store ping's 1 s limit (plus slack), and resolves with how long the probe took.
 */
export async function expectStoreNotReady(url: string): Promise<number> {
  const started = performance.now();
  const ready = await fetch(`${url}/ready`);
  const probeMs = performance.now() - started;
  expect(ready.status).toBe(503);
  expect(ready.headers.get('retry-after')).toBe('5');
  expect(await ready.json()).toEqual(NOT_READY.store);
  expect(probeMs).toBeLessThan(1_500);
  return probeMs;
}
