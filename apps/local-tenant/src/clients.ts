import type { ClientMetadata } from 'oidc-provider';
import type { TenantDefinition } from './tenant-definition.ts';

/** Each URL as written and as the URL parser normalises it (`http://localhost:3000` and `…3000/`): oidc-provider compares exactly. */
function withNormalisedForms(urls: readonly string[]): string[] {
  return [...new Set(urls.flatMap((url) => [url, new URL(url).href]))];
}

/** The tenant's applications as oidc-provider client metadata. */
export function clientsFor(tenant: TenantDefinition, m2mClientSecret: string): ClientMetadata[] {
  const { spa, m2m } = tenant.applications;
  return [
    {
      client_id: spa.clientId,
      client_name: spa.name,
      application_type: 'web',
      // A browser app keeps no secret (Auth0's "Single Page Application" type).
      token_endpoint_auth_method: 'none',
      // Code + PKCE with rotating refresh tokens (the default), and implicit as in the guide (auth0-js
      // authorize and checkSession). No other application gets refresh_token (src/refresh-tokens.ts).
      grant_types: ['implicit', 'authorization_code', 'refresh_token'],
      response_types: ['id_token token', 'id_token', 'code'],
      redirect_uris: withNormalisedForms(spa.callbackUrls),
      post_logout_redirect_uris: withNormalisedForms(spa.logoutUrls),
    },
    {
      client_id: m2m.clientId,
      client_name: m2m.name,
      client_secret: m2mClientSecret,
      // oidc-provider accepts the secret in the body too for this method, as Auth0 does.
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
  ];
}
