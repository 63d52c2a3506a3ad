import type { Validators } from 'express-oauth2-jwt-bearer';

/**
 * Checks the library does not make by default: it accepts a token without `iat` or with `iat` in the
 * future, without `sub`, with a `scope` array, and (with DPoP off) a sender-constrained token sent as
 * Bearer. `exp`, `nbf`, `iss`, `aud` and `alg` stay the library's own checks.
 */
export function claimValidators(clockToleranceSeconds: number): Partial<Validators> {
  return {
    // A real access token says when it was issued, and a token from the future is forged or from a broken clock.
    iat: (iat) => typeof iat === 'number' && iat <= Math.floor(Date.now() / 1000) + clockToleranceSeconds,
    // Services answer for the caller, so a token must name one.
    sub: (sub) => typeof sub === 'string' && sub !== '',
    // RFC 8693/9068: `scope` is a space-separated string; the library would also accept an array. No
    // `scope` at all is allowed here and ends as 403 insufficient_scope at the route.
    scope: (scope) => scope === undefined || typeof scope === 'string',
    // A sender-constrained token (DPoP or mTLS, RFC 9449/8705) must never be usable as a plain bearer
    // token; these services accept bearer tokens only, so a bound token is refused rather than replayable.
    cnf: (cnf) => cnf === undefined,
  };
}
