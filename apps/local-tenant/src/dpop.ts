import type { Configuration } from 'oidc-provider';

/**
 * The proof algorithms the tenant accepts and publishes in discovery (`dpop_signing_alg_values_supported`).
 * ES256 only, as Auth0 publishes it: it is what the SPA (and auth0-spa-js) sign with, and what the
 * services' express-oauth2-jwt-bearer verifies. oidc-provider's default adds Ed25519, a name that library
 * does not know, so a client choosing it would get tokens no service accepts.
 */
export const DPOP_SIGNING_ALGS = ['ES256'] as const;

/**
 * RFC 9449 at the token endpoint. A token request with a `DPoP` proof gets `token_type: "DPoP"`, an
 * access token with `cnf.jkt`, and (for the public SPA client) a refresh token bound to the same key;
 * a request without one is answered exactly as before (Bearer, no `cnf`). oidc-provider remembers each
 * proof's `jti` and refuses a replay.
 *
 * Nonces are required so that every client really takes the `use_dpop_nonce` round trip (400 with a
 * `DPoP-Nonce` header, then the retry), as a real authorization server may demand at any time; a client
 * that works here keeps working when Auth0 starts asking. They are derived from `nonceSecret` and the
 * clock, never stored (src/dpop-nonce-secret.ts).
 */
export function dpopSettings(nonceSecret: Buffer): {
  feature: NonNullable<NonNullable<Configuration['features']>['dPoP']>;
  enabledJWA: NonNullable<Configuration['enabledJWA']>;
} {
  return {
    feature: {
      enabled: true,
      nonceSecret,
      requireNonce: () => true,
      allowReplay: false,
    },
    enabledJWA: { dPoPSigningAlgValues: [...DPOP_SIGNING_ALGS] },
  };
}
