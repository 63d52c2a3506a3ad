import type { Validators } from 'express-oauth2-jwt-bearer';

/**
 * Checks the library does not make by default: it accepts a token without `iat` or with `iat` in the
 * future, without `sub`, with a `scope` array, and a token bound in a way it does not check. `exp`, `nbf`, `iss`, `aud` and `alg` stay the library's own checks.
 */
export function claimValidators(clockToleranceSeconds: number, dpop: boolean): Partial<Validators> {
  return {
    // A real access token says when it was issued, and a token from the future is forged or from a broken clock.
    iat: (iat) => typeof iat === 'number' && iat <= Math.floor(Date.now() / 1000) + clockToleranceSeconds,
    // Services answer for the caller, so a token must name one.
    sub: (sub) => typeof sub === 'string' && sub !== '',
    // RFC 8693/9068: `scope` is a space-separated string; the library would also accept an array. No
    // `scope` at all is allowed here and ends as 403 insufficient_scope at the route.
    scope: (scope) => scope === undefined || typeof scope === 'string',
    // A sender-constrained token must never be usable as a plain bearer token. With DPoP on, the library
    // holds a DPoP-bound one (cnf.jkt, RFC 9449) to its proof; any other binding (mTLS's x5t#S256, RFC 8705)
    // it would not check, so such a token is refused rather than replayable.
    cnf: (cnf) => cnf === undefined || (dpop && isJktOnly(cnf)),
  };
}

function isJktOnly(cnf: unknown): boolean {
  if (typeof cnf !== 'object' || cnf === null || Array.isArray(cnf)) return false;
  const keys = Object.keys(cnf);
  return keys.length === 1 && keys[0] === 'jkt' && typeof (cnf as { jkt: unknown }).jkt === 'string';
}
