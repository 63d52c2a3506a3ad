import { createHash } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';

export interface TokenExchange {
  grantType: string;
  status: number;
  /** What the page sent (a form, or JSON). */
  sent: Record<string, unknown>;
  body: Record<string, unknown>;
  /** The request's `DPoP` proof (RFC 9449), if it carried one. */
  proof?: string;
}

/** What a browser context sent to the tenant and got back: read from the network, never from the page. */
export interface TokenTraffic {
  /** Every request URL of the context (pages, iframes, fetches, redirects). */
  urls: string[];
  /** Each /authorize request. */
  authorize: URL[];
  /**
   * Each /oauth/token POST and its answer, in the order the answers arrived; a DPoP nonce challenge (400
   * `use_dpop_nonce`, answered by a retry with the nonce) is counted in `nonceChallenges` instead.
   */
  tokens: TokenExchange[];
  nonceChallenges: number;
  /** Every access, ID and refresh token the tenant handed out so far. */
  issued(): string[];
}

/** A URL that carries a token in its query or fragment. */
export const TOKEN_IN_URL = /[?#&](?:access_token|id_token|refresh_token)=/;

export function watchTokenTraffic(context: BrowserContext, tenantOrigin: string): TokenTraffic {
  const traffic: TokenTraffic = {
    urls: [],
    authorize: [],
    tokens: [],
    nonceChallenges: 0,
    issued: () =>
      traffic.tokens.flatMap(({ body }) =>
        ['access_token', 'id_token', 'refresh_token']
          .map((key) => body[key])
          .filter((v): v is string => typeof v === 'string'),
      ),
  };
  context.on('request', (request) => {
    traffic.urls.push(request.url());
    if (request.url().startsWith(`${tenantOrigin}/authorize?`)) traffic.authorize.push(new URL(request.url()));
  });
  context.on('response', async (response) => {
    const request = response.request();
    if (request.method() !== 'POST' || response.url() !== `${tenantOrigin}/oauth/token`) return;
    const sent = (request.postDataJSON() ?? {}) as Record<string, unknown>;
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status() === 400 && body.error === 'use_dpop_nonce') {
      traffic.nonceChallenges += 1;
      return;
    }
    const proof = await request.headerValue('dpop');
    const exchange: TokenExchange = { grantType: String(sent.grant_type), status: response.status(), sent, body };
    traffic.tokens.push(proof ? { ...exchange, proof } : exchange);
  });
  return traffic;
}

/** RFC 7636 S256, computed independently of the page, to check the challenge it sent. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function jwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Resolves when `check` holds, polling every 100 ms; rejects naming `what` after `timeoutMs`. */
export async function waitUntil<T>(what: string, check: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
