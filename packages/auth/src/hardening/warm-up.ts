import type { Request, RequestHandler, Response } from 'express';
import { InvalidTokenError } from 'express-oauth2-jwt-bearer';
import { isTenantFailure } from '../tenant-failure.ts';
import type { TenantNotices } from './tenant-notices.ts';

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
  // The library loads the tenant's keys only while verifying a request (`auth()` is its one export that
  // fetches them), and the service has no request to give before it listens: so a request with only the
  // fields the library reads (the warm-up test shows it loads the keys and is refused).
  return probe as unknown as Request;
}

// The first attempts follow the tenant starting beside the service (`pnpm dev`); later ones notice a tenant
// that comes up much later, so that the service can say so.
const RETRY_DELAYS_MS = [250, 500, 1000, 1000, 1000, 2000, 2000, 4000, 4000];
const LATER_DELAY_MS = 5000;
// A tenant started at the same moment is normally up within this; saying "cannot reach" sooner would be noise.
const QUIET_MS = 3000;

type Outcome = 'keys loaded' | 'unreachable' | 'refused';

async function probe(verify: RequestHandler): Promise<Outcome> {
  const err = await new Promise<unknown>((resolve) => {
    void verify(probeRequest(), {} as Response, resolve);
  });
  if (err instanceof InvalidTokenError && isTenantFailure(err.message)) return 'unreachable';
  return err instanceof InvalidTokenError ? 'keys loaded' : 'refused';
}

/**
 * Fetches discovery and the JWKS through the library before the first request needs them, so the first
 * API call after start-up does not wait for the tenant. While the tenant is unreachable it keeps trying (in
 * the background, never holding the process open) and, with `notices`, says so once after a few seconds,
 * and once more when the tenant answers. Resolves true once the keys are in the library's cache, false if
 * the first ~15 s passed without them (the first request then fetches them, as without a warm-up).
 * `onEnd` hears when the trying stops: true with the keys loaded, false when the tenant answered but
 * refused the probe in an unexpected way (readiness then starts another warm-up on its next probe).
 */
export function warmUp(
  verify: RequestHandler,
  notices?: TenantNotices,
  onEnd?: (loaded: boolean) => void,
): Promise<boolean> {
  return new Promise<boolean>((settle) => {
    void (async () => {
      const started = Date.now();
      let told = false;
      for (let attempt = 0; ; attempt++) {
        const delay = attempt === 0 ? 0 : (RETRY_DELAYS_MS[attempt - 1] ?? LATER_DELAY_MS);
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay).unref());
        const outcome = await probe(verify);
        if (outcome !== 'unreachable') {
          settle(outcome === 'keys loaded');
          onEnd?.(outcome === 'keys loaded');
          if (told) notices?.reachable();
          return;
        }
        if (attempt === RETRY_DELAYS_MS.length) settle(false);
        if (!told && notices !== undefined && Date.now() - started >= QUIET_MS) {
          told = await notices.unreachable();
        }
      }
    })();
  });
}
