import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/**
 * What the protection reports as it works, for metrics: every method optional, none given a token, a
 * `sub` or any other caller's text (the reasons and permissions are fixed words of this package and of the
 * routes).
 */
export interface ProtectionObserver {
  /** A Bearer token looked up in the verified-token cache. */
  tokenCache?(result: 'hit' | 'miss'): void;
  /**
   * A request refused by the protection: `reason` is the error code (`invalid_token`, `insufficient_scope`,
   * …) or `token_expired`; `permission` the scope a 403 lacked.
   */
  refused?(reason: string, permission: string | undefined): void;
  /** A request the service sent to the tenant: its discovery document or its JWKS. */
  tenantFetch?(what: 'discovery' | 'jwks'): void;
}

/**
 * Reports each request sent through `agent` (the protection's own, see tenant-agent.ts) by Node's public
 * `http.client.request.start` channel: the library fetches discovery and keys itself and tells nobody.
 */
export function observeTenantFetches(agent: object, report: (what: 'discovery' | 'jwks') => void): void {
  subscribe('http.client.request.start', (message) => {
    // ClientRequest keeps its agent as `agent`, which @types/node does not declare.
    const { request } = message as { request: ClientRequest & { agent?: unknown } };
    if (request.agent !== agent) return;
    report(
      request.path.includes('/.well-known/openid-configuration') ||
        request.path.includes('/.well-known/oauth-authorization-server')
        ? 'discovery'
        : 'jwks',
    );
  });
}
