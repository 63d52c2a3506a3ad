// A DPoP client for the tests, built as RFC 9449 says a browser client builds its proofs: its own
// ES256 key pair, one fresh proof (new `jti`, current `iat`) per request, the server's latest nonce.
import { createProofKey, type ProofKey, signProof } from '@organizer/testing';
import type Provider from 'oidc-provider';
import { SPA_CALLBACK } from './helpers.ts';

export const SPA_ORIGIN = 'http://localhost:3000';

/** The client's ES256 key; its `jkt` (RFC 7638 thumbprint) is the `cnf.jkt` of the tokens bound to it. */
export type DpopKey = ProofKey;
export const newDpopKey = createProofKey;

/** A proof for `POST htu`: `typ` dpop+jwt, the public JWK in the header, `htm`, `htu`, `iat`, `jti`, `nonce`. */
export function dpopProof(key: DpopKey, htu: string, nonce?: string): Promise<string> {
  return signProof(key, { htm: 'POST', htu, nonce });
}

/** The token request that exchanges a code from `logInForCode` (helpers.ts), as the SPA sends it. */
export const codeExchange = ({ code, verifier }: { code: string; verifier: string }) => ({
  grant_type: 'authorization_code',
  code,
  code_verifier: verifier,
  redirect_uri: SPA_CALLBACK,
});

export interface TokenAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** The token endpoint, as the proofs' `htu` must name it: the issuer's origin + `/oauth/token`. */
export const tokenEndpoint = (issuer: string): string => new URL('oauth/token', issuer).href;

/** One token request as the SPA sends it (JSON, with the page's Origin), with `proof` in the `DPoP` header. */
export async function postToken(issuer: string, body: Record<string, string>, proof?: string): Promise<TokenAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', origin: SPA_ORIGIN };
  if (proof !== undefined) headers.dpop = proof;
  const response = await fetch(tokenEndpoint(issuer), {
    method: 'POST',
    headers,
    body: JSON.stringify({ client_id: 'organizer-spa', ...body }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/**
 * Keeps the latest `DPoP-Nonce` the tenant sent and, when it answers `use_dpop_nonce`, retries once with
 * the new nonce, as a real client does. `answers` lists every answer, the refused first try included.
 */
export class DpopClient {
  nonce: string | undefined;
  readonly answers: TokenAnswer[] = [];

  readonly issuer: string;
  readonly key: DpopKey;

  constructor(issuer: string, key: DpopKey) {
    this.issuer = issuer;
    this.key = key;
  }

  async token(body: Record<string, string>): Promise<TokenAnswer> {
    let answer = await this.#send(body);
    if (answer.status === 400 && answer.body.error === 'use_dpop_nonce') answer = await this.#send(body);
    return answer;
  }

  async #send(body: Record<string, string>): Promise<TokenAnswer> {
    const answer = await postToken(
      this.issuer,
      body,
      await dpopProof(this.key, tokenEndpoint(this.issuer), this.nonce),
    );
    this.nonce = answer.headers.get('dpop-nonce') ?? this.nonce;
    this.answers.push(answer);
    return answer;
  }
}

/**
 * The reason oidc-provider gives for each refused token request. The answer says only "grant request is
 * invalid" for every invalid_grant; the reason (`error_detail`) goes to its `grant.error` event alone.
 */
export function refusalReasons(provider: Provider): { last(): string | undefined } {
  const reasons: string[] = [];
  provider.on('grant.error', (_ctx, error) => {
    reasons.push(String((error as { error_detail?: unknown }).error_detail ?? (error as Error).message));
  });
  return { last: () => reasons.at(-1) };
}
