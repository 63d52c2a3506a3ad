import type { CliTenant } from './cli-tenant.ts';
import { CliError, fetchOrExplain } from './http-errors.ts';

export interface TokenResult {
  accessToken: string;
  scope: string | undefined;
  expiresIn: number | undefined;
}

export const START_HINT =
  'Start everything with `pnpm dev` (or the tenant alone with `pnpm --filter ./apps/local-tenant start`).';

/** The tenant's token endpoint from its OpenID discovery document (Auth0: https://<domain>/oauth/token). */
export async function tokenEndpoint(tenant: CliTenant): Promise<string> {
  const discovery = new URL(`${tenant.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  const response = await fetchOrExplain(
    'The tenant',
    discovery,
    undefined,
    tenant.local ? START_HINT : 'Check AUTH0_DOMAIN / ISSUER_BASE_URL.',
  );
  if (!response.ok)
    throw new CliError(`The tenant's discovery document ${discovery.href} answered ${response.status}.`);
  const { token_endpoint: endpoint } = (await response.json()) as { token_endpoint?: string };
  if (!endpoint) throw new CliError(`The tenant's discovery document ${discovery.href} has no token_endpoint.`);
  return endpoint;
}

/**
 * Client credentials the way Auth0's guide shows it: client ID and secret in the form body plus
 * `audience`. An API identifier that is a URI also goes out as RFC 8707 `resource` (Logto and other
 * resource-indicator servers), except to Auth0, which knows only `audience`.
 */
export async function requestM2mToken(tenant: CliTenant): Promise<TokenResult> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: tenant.m2m.clientId,
    client_secret: tenant.m2m.clientSecret,
    audience: tenant.audience,
  });
  if (!tenant.auth0 && URL.canParse(tenant.audience)) form.set('resource', tenant.audience);
  const endpoint = await tokenEndpoint(tenant);
  const response = await fetchOrExplain(
    'The token endpoint',
    endpoint,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
    },
    tenant.local ? START_HINT : '',
  );
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new CliError(
      `The tenant refused the client-credentials request: ${response.status} ${String(body.error ?? '')} ${String(body.error_description ?? '')}`.trim(),
    );
  }
  return {
    accessToken: body.access_token,
    scope: typeof body.scope === 'string' ? body.scope : undefined,
    expiresIn: typeof body.expires_in === 'number' ? body.expires_in : undefined,
  };
}
