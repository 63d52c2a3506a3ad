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

/** The protections' own agents (see tenant-agent.ts), each with where its fetches are reported. */
const reporters = new WeakMap<object, (what: 'discovery' | 'jwks') => void>();
let subscribed = false;

/**
 * Reports each request sent through `agent` by Node's public `http.client.request.start` channel: the
 * library fetches discovery and keys itself and tells nobody. One subscription for the process, whatever
 * the number of protections (tests build hundreds), looking the agent up; an agent no longer used is not
 * kept alive by it.
 */
export function observeTenantFetches(agent: object, report: (what: 'discovery' | 'jwks') => void): void {
  reporters.set(agent, report);
  if (subscribed) return;
  subscribed = true;
  subscribe('http.client.request.start', (message) => {
    // ClientRequest keeps its agent as `agent`, which @types/node does not declare.
    const { request } = message as { request: ClientRequest & { agent?: object } };
    const reportFetch = request.agent === undefined ? undefined : reporters.get(request.agent);
    if (reportFetch === undefined) return;
    const { path } = request;
    const discovery =
      path.includes('/.well-known/openid-configuration') || path.includes('/.well-known/oauth-authorization-server');
    reportFetch(discovery ? 'discovery' : 'jwks');
  });
}
