// The ID token check of the code flow. auth0-js checks the implicit flow's ID token inside parseHash but has
// no public check for one that came from /oauth/token, so jose does it: nobody counts as signed in before
// verifyIdToken has resolved.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface User {
  sub: string;
  name?: string;
  email?: string;
}

export interface LoginFailure {
  /** An OAuth error code (`login_required`, `invalid_grant`, …) or one of this module's (`invalid_id_token`, …). */
  error: string;
  description: string;
}

export class IdTokenError extends Error {
  override name = 'IdTokenError';
  readonly failure: LoginFailure;
  constructor(description: string) {
    super(description);
    this.failure = { error: 'invalid_id_token', description };
  }
}

/** One key set per tenant for the page's life: jose caches the keys and refetches on an unknown `kid`. */
const keySets = new Map<string, JWTVerifyGetKey>();

function keysOf(issuer: string): JWTVerifyGetKey {
  let keys = keySets.get(issuer);
  if (!keys) {
    // Auth0 and the local tenant both publish their keys here (discovery's jwks_uri).
    keys = createRemoteJWKSet(new URL('.well-known/jwks.json', issuer));
    keySets.set(issuer, keys);
  }
  return keys;
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTClaimValidationFailed) return `its "${error.claim}" claim is wrong (${error.reason})`;
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'its signature does not verify against the tenant keys';
  if (error instanceof errors.JOSEError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The user, once the ID token's signature (the tenant's JWKS, RS256), `iss`, `aud`, `exp` and `nonce` all
 * check out; an IdTokenError saying which did not otherwise.
 */
export async function verifyIdToken(idToken: string, issuer: string, clientId: string, expectedNonce: string): Promise<User> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(idToken, keysOf(issuer), {
      issuer,
      audience: clientId,
      algorithms: ['RS256'],
      requiredClaims: ['sub', 'iat', 'exp', 'nonce'],
      // The browser's clock may be off a little; Auth0's SDKs allow 60 s as well.
      clockTolerance: 60,
    }));
  } catch (error) {
    throw new IdTokenError(`The ID token was refused: ${describe(error)}.`);
  }
  if (payload.nonce !== expectedNonce) throw new IdTokenError('The ID token was refused: its nonce is not the one this sign-in sent.');
  const user: User = { sub: String(payload.sub) };
  if (typeof payload.name === 'string') user.name = payload.name;
  if (typeof payload.email === 'string') user.email = payload.email;
  return user;
}
