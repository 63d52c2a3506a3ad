import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export interface TokenClaims {
  issuer: string;
  audience: string;
  scope: string;
  /** Lifetime in seconds; long enough to outlast a full run. */
  ttlSeconds: number;
}

export const BENCH_CLIENT_ID = 'organizer-bench';

/** One RS256 access token shaped like the tenant's: iss, aud, scope, sub, iat, exp, client_id (and a jti if given). */
export function mintToken(key: CryptoKey, kid: string, claims: TokenClaims, subject: string, jti?: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: claims.scope, client_id: BENCH_CLIENT_ID, ...(jti === undefined ? {} : { jti }) })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setSubject(subject)
    .setIssuedAt(now)
    .setExpirationTime(now + claims.ttlSeconds)
    .sign(key);
}

/**
 * `count` distinct valid tokens (distinct `jti`, so distinct signatures) for one user: the services keep
 * data per `sub`, and a new `sub` per request would measure a new user's first read (seeding their demo
 * data) instead of a token check. Signing is
 * about a quarter of a millisecond per token; WebCrypto runs it on libuv's pool, so batches use every core.
 */
export async function mintPool(
  key: CryptoKey,
  kid: string,
  claims: TokenClaims,
  count: number,
  prefix: string,
): Promise<string[]> {
  const tokens: string[] = [];
  const batch = 256;
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const minted = await Promise.all(
      Array.from({ length: size }, (_, i) => mintToken(key, kid, claims, `${prefix}-user`, `${prefix}-${start + i}`)),
    );
    tokens.push(...minted);
  }
  return tokens;
}

/** A token whose header names the issuer's real key but whose signature comes from another key. */
export async function mintBadSignature(kid: string, claims: TokenClaims): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return mintToken(privateKey, kid, claims, 'bad-signature');
}

/** Tokens signed by a key the issuer never published, each with its own unknown `kid`. */
export async function mintUnknownKids(claims: TokenClaims, count: number): Promise<string[]> {
  const { privateKey } = await generateKeyPair('RS256');
  return Promise.all(
    Array.from({ length: count }, (_, i) => mintToken(privateKey, `unknown-kid-${i}`, claims, `unknown-${i}`)),
  );
}
