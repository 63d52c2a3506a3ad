import { createHash, randomUUID } from 'node:crypto';
import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** A client's DPoP key (RFC 9449): ES256, as the SPA makes it; `jkt` is what a bound token's cnf.jkt says. */
export interface ProofKey {
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly jkt: string;
}

export async function createProofKey(): Promise<ProofKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const publicJwk = await exportJWK(publicKey);
  return { privateKey, publicJwk, jkt: await calculateJwkThumbprint(publicJwk) };
}

export interface ProofClaims {
  /** The request's method. */
  readonly htm: string;
  /** The request's URL; its query is left out, as RFC 9449 says. */
  readonly htu: string;
  /** With a resource request: the access token, whose hash goes in `ath`. */
  readonly accessToken?: string;
  readonly nonce?: string;
  /** Default now. */
  readonly iat?: number;
  /** Default a fresh UUID. */
  readonly jti?: string;
}

/** A DPoP proof signed with `key`, as a client sends it in the DPoP header. */
export function signProof(key: ProofKey, claims: ProofClaims): Promise<string> {
  const url = new URL(claims.htu);
  const payload = {
    htm: claims.htm,
    htu: `${url.origin}${url.pathname}`,
    jti: claims.jti ?? randomUUID(),
    ...(claims.nonce === undefined ? {} : { nonce: claims.nonce }),
    ...(claims.accessToken === undefined
      ? {}
      : { ath: createHash('sha256').update(claims.accessToken).digest('base64url') }),
  };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.publicJwk })
    .setIssuedAt(claims.iat ?? Math.floor(Date.now() / 1000))
    .sign(key.privateKey);
}
