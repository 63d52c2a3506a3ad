import type { TenantConfig } from './config.ts';

/** Auth0's default ID token lifetime (10 hours). */
export const ID_TOKEN_TTL_SECONDS = 36_000;

/** How long a retired key must stay published: the longest-lived token it can have signed, plus clock skew. */
export function keyRetentionSeconds(config: TenantConfig): number {
  return Math.max(config.tenant.api.tokenLifetimeSeconds, ID_TOKEN_TTL_SECONDS) + 60;
}
