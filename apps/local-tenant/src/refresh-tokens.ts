import type { Configuration, KoaContextWithOIDC, RefreshToken } from 'oidc-provider';

/**
 * How long the refresh tokens of one login last: at most this long after the login, and this long
 * unused. The same values `pnpm auth0:setup` gives the SPA on a real tenant (Refresh Token Expiration,
 * scripts/src/auth0-setup/desired-state.ts). A rotated token keeps its login's deadline: rotation never
 * extends it.
 */
export const REFRESH_TOKEN_LIFETIME_SECONDS = 86_400;
export const REFRESH_TOKEN_IDLE_SECONDS = 28_800;

/** The refresh-token policy of the tenant's applications (oidc-provider settings). */
export const refreshTokenPolicy = {
  // Auth0 issues a refresh token when a request asks for offline_access. oidc-provider drops that scope at
  // /authorize unless the request also says prompt=consent (OpenID Connect Core §11), so a silent
  // prompt=none sign-in could never get one. Here the application's refresh_token grant decides (Auth0's
  // "Refresh Token Rotation" application setting); only the SPA has it. The SPA asks for offline_access
  // anyway, so the same code works against Auth0.
  issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  // Every use returns a new refresh token and consumes the old one. A consumed token presented again is
  // taken as theft: oidc-provider revokes the whole grant, so every token of that login stops working.
  rotateRefreshToken: true,
  // Every code and refresh token ends with the tenant session: logout (or the session's expiry) makes the
  // refresh tokens of that login fail, which is single logout for the authorization code flow. Without
  // this, oidc-provider lets offline_access tokens outlive logout.
  expiresWithSession: () => true,
} satisfies Partial<Configuration>;

/** Seconds a new (or rotated) refresh token lives: the idle limit, cut at the login's absolute deadline. */
export function refreshTokenTtl(_ctx: KoaContextWithOIDC, token: RefreshToken): number {
  return Math.max(1, Math.min(REFRESH_TOKEN_IDLE_SECONDS, REFRESH_TOKEN_LIFETIME_SECONDS - token.totalLifetime()));
}
