import type { Request, RequestHandler, Response } from 'express';
import { InvalidTokenError } from 'express-oauth2-jwt-bearer';
import { isTenantFailure } from './tenant-failure.ts';

const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

// Passes the library's early checks (an RS256 header) but no JWKS has its kid, so verifying it makes the
// library fetch the discovery document and the JWKS, then refuse it. It can never be accepted.
const PROBE = `${segment({ alg: 'RS256', typ: 'JWT', kid: 'organizer-warm-up-probe' })}.${segment({})}.AA`;

/** What the library's `auth()` reads from a request, and nothing more. */
function probeRequest(): Request {
  const headers = { host: 'localhost', authorization: `Bearer ${PROBE}` };
  const probe = {
    headers,
    method: 'GET',
    protocol: 'http',
    url: '/',
    originalUrl: '/',
    query: {},
    body: undefined,
    get: (name: string) => headers[name.toLowerCase() as keyof typeof headers],
    is: () => false,
  };
  // Not a full Express request: only the fields the library reads (checked by the warm-up test).
  return probe as unknown as Request;
}

const RETRY_DELAYS_MS = [250, 500, 1000, 1000, 1000, 2000, 2000, 4000, 4000];

/**
 * Fetches discovery and the JWKS through the library before the first request needs them, so the first
 * API call after start-up does not wait for the tenant. Retries for about 15 s while the tenant is
 * unreachable (`pnpm dev` starts it beside the services), then leaves it to the first request. Resolves
 * true once the keys are in the library's cache.
 */
export async function warmUp(verify: RequestHandler): Promise<boolean> {
  for (const delay of [0, ...RETRY_DELAYS_MS]) {
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay).unref());
    const err = await new Promise<unknown>((resolve) => {
      void verify(probeRequest(), {} as Response, resolve);
    });
    if (!(err instanceof InvalidTokenError && isTenantFailure(err.message))) return err instanceof InvalidTokenError;
  }
  return false;
}
