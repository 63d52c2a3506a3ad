import type { RequestHandler } from 'express';
import { RequestError } from './request-error.ts';

/** What readiness asks of the service's store: a cheap query answered within a time limit. */
export interface Pingable {
  ping(timeoutMs?: number): Promise<boolean>;
}

/** Longest a readiness probe waits on the store: an orchestrator's probe times out soon after. */
export const STORE_PING_TIMEOUT_MS = 1_000;

/**
 * GET /ready: 200 `{status: "ready"}` once the tenant's signing keys are loaded and while the store answers
 * a ping; else 503 (the error handler adds Retry-After) saying which is missing. The store is asked on every
 * probe, so an outage of the database turns the service unready again; the keys, once loaded, stay cached.
 */
export function readinessRoute(
  keysLoaded: () => boolean,
  store: Pingable,
  timeoutMs = STORE_PING_TIMEOUT_MS,
): RequestHandler {
  return async (_req, res, next) => {
    const keys = keysLoaded();
    const reachable = await store.ping(timeoutMs);
    const missing = [
      ...(keys ? [] : ["the tenant's signing keys are not loaded yet"]),
      ...(reachable ? [] : ['the data store cannot be reached']),
    ];
    if (missing.length > 0) {
      const said = missing.join(' and ');
      return next(RequestError.unavailable(`Not ready: ${said}`));
    }
    res.set('Cache-Control', 'no-store');
    res.json({ status: 'ready' });
  };
}
