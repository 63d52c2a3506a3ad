import { ManagementClient } from 'auth0';
import type { Auth0SetupConfig } from './config.ts';

export interface ManagementClientOptions {
  /**
   * The SDK's own transport hook: it is used for the Management API and for the token request.
   * Tests pass one that sends https://<domain> to a local stand-in; a real run leaves it unset.
   */
  fetch?: typeof fetch | undefined;
  /**
   * Retries of a request answered 429 (or 5xx). The SDK waits as Retry-After or X-RateLimit-Reset
   * says (at most 60 s), else backs off exponentially from 1 s.
   */
  maxRetries?: number | undefined;
}

export const DEFAULT_MAX_RETRIES = 4;

export function createManagementClient(config: Auth0SetupConfig, options: ManagementClientOptions = {}): ManagementClient {
  const common = {
    domain: config.managementDomain,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeoutInSeconds: 30,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  return 'token' in config.credentials
    ? new ManagementClient({ ...common, token: config.credentials.token })
    : new ManagementClient({ ...common, clientId: config.credentials.clientId, clientSecret: config.credentials.clientSecret });
}
