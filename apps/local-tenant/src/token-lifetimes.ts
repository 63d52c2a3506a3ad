import type { Configuration } from 'oidc-provider';
import type { TenantConfig } from './config.ts';
import { refreshTokenTtl } from './refresh-tokens.ts';

/** Auth0's default ID token lifetime (10 hours). */
export const ID_TOKEN_TTL_SECONDS = 36_000;

/** How long a retired key must stay published: the longest-lived token it can have signed, plus clock skew. */
export function keyRetentionSeconds(config: TenantConfig): number {
  return Math.max(config.tenant.api.tokenLifetimeSeconds, ID_TOKEN_TTL_SECONDS) + 60;
}

/** Every artifact's lifetime, in seconds. Access tokens last what the API says (api.tokenLifetimeSeconds). */
export const tokenLifetimes = {
  AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 3600,
  ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 3600,
  AuthorizationCode: 60,
  IdToken: ID_TOKEN_TTL_SECONDS,
  RefreshToken: refreshTokenTtl,
  Interaction: 3600,
  // Auth0's default session inactivity timeout is 3 days. Refresh tokens end with the session.
  Session: 3 * 24 * 3600,
  Grant: 3 * 24 * 3600,
} satisfies Configuration['ttl'];
