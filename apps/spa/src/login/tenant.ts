// Everything the login asks of the tenant: the /authorize URL through auth0-js, the /oauth/token calls (by
// fetch, which can carry a DPoP proof; auth0-js cannot), the ID token check by jose (auth0-js checks ID tokens
// only inside its implicit flow's parseHash), and a quick look at whether the tenant answers at all before the
// page leaves for it. Also the DPoP proofs (RFC 9449) for the tenant and the APIs.
import { WebAuth } from 'auth0-js';
import { createRemoteJWKSet, errors, jwtVerify, SignJWT } from 'jose';
import { challengeFor, type DpopKey, randomValue } from './browser-state.ts';

export interface User {
  sub: string;
  name?: string;
  email?: string;
}

export interface LoginFailure {
  /** An OAuth error code (`login_required`, `invalid_grant`, …) or the login's own (`invalid_id_token`, …). */
  error: string;
  description: string;
}

/** The token endpoint's answer (RFC 6749 §5.1); `token_type` is `DPoP` when the tokens are bound to the key. */
export interface TokenBody {
  access_token?: string;
  id_token?: string;
  refresh_token?: string;
  expires_in?: number;
  token_type?: string;
}

export type TokenAnswer = { ok: true; body: TokenBody } | { ok: false; failure: LoginFailure };

export const TENANT_UNREACHABLE = 'tenant_unreachable';

/** The latest `DPoP-Nonce` each server (origin) gave: the next proof for it carries it (RFC 9449 §8, §9). */
const nonces = new Map<string, string>();

/** A DPoP proof for one request: `htu` without query and fragment, `ath` binding it to the access token. */
export async function dpopProof(key: DpopKey, method: string, url: string, accessToken?: string): Promise<string> {
  const htu = new URL(url);
  htu.search = htu.hash = '';
  const nonce = nonces.get(htu.origin);
  const claims = { htm: method.toUpperCase(), htu: htu.href, ...(nonce ? { nonce } : {}) };
  return new SignJWT(accessToken ? { ...claims, ath: await challengeFor(accessToken) } : claims)
    .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk })
    .setIssuedAt()
    .setJti(randomValue(16))
    .sign(key.privateKey);
}

/** Whether the answer asks for a (new) nonce: a token endpoint's 400 or a resource server's 401 challenge. */
async function asksForNonce(response: Response): Promise<boolean> {
  if (!response.headers.has('DPoP-Nonce')) return false;
  if (response.status === 401) return /use_dpop_nonce/.test(response.headers.get('WWW-Authenticate') ?? '');
  const body: { error?: unknown } = await response
    .clone()
    .json()
    .catch(() => ({}));
  return response.status === 400 && body.error === 'use_dpop_nonce';
}

/** fetch() with a fresh proof of `key` in the `DPoP` header, once more with the nonce if the server asks for one. */
export async function fetchWithProof(key: DpopKey, url: string, init: RequestInit, accessToken?: string) {
  const send = async () => {
    const headers = new Headers(init.headers);
    headers.set('DPoP', await dpopProof(key, init.method ?? 'GET', url, accessToken));
    const response = await fetch(url, { ...init, headers });
    const nonce = response.headers.get('DPoP-Nonce');
    if (nonce) nonces.set(new URL(url).origin, nonce);
    return response;
  };
  const first = await send();
  return (await asksForNonce(first)) ? send() : first;
}

/** `domain`: Auth0's bare domain (https), or the URL of another Auth0-compatible tenant (http allowed). */
export function connectTenant(domain: string, clientId: string, audience: string, redirectUri: string) {
  const byUrl = /^https?:\/\//.test(domain);
  const issuer = byUrl ? `${domain.replace(/\/+$/, '')}/` : `https://${domain}/`;
  const origin = new URL(issuer).origin;
  // auth0-js expects the issuer https://<domain>/; a tenant given by its URL may be served over http.
  const overrides = byUrl ? { overrides: { __token_issuer: issuer } } : {};
  const options = { domain, clientID: clientId, audience, redirectUri, responseType: 'code', _sendTelemetry: false };
  // Its one warning here would be that `dpop_jkt` is not on its /authorize list (it sends it all the same).
  const webAuth = new WebAuth({ ...options, ...overrides, _disableDeprecationWarnings: true });
  // One key set for the page's life: jose caches the keys and refetches on an unknown `kid`.
  const keys = createRemoteJWKSet(new URL('.well-known/jwks.json', issuer));

  return {
    issuer,
    webAuth,

    /** undefined when the tenant answers (no-cors: any answer counts, nothing of it is read). */
    async unreachable(): Promise<LoginFailure | undefined> {
      const discovery = new URL('.well-known/openid-configuration', issuer);
      const signal = AbortSignal.timeout(3000);
      const init: RequestInit = { mode: 'no-cors', cache: 'no-store', credentials: 'omit', signal };
      return fetch(discovery, init).then(
        () => undefined,
        () => ({ error: TENANT_UNREACHABLE, description: `The tenant at ${origin} does not answer.` }),
      );
    },

    /** Whether the tenant's discovery offers DPoP with ES256 (the algorithm WebCrypto keys are made for here). */
    async offersDpop(): Promise<boolean> {
      const discovery = await fetch(new URL('.well-known/openid-configuration', issuer), { credentials: 'omit' })
        .then((response) => response.json() as Promise<{ dpop_signing_alg_values_supported?: unknown }>)
        .catch(() => undefined);
      const algs = discovery?.dpop_signing_alg_values_supported;
      return Array.isArray(algs) && algs.includes('ES256');
    },

    /** One /oauth/token call (a form POST, as auth0-js's but with `key`'s proof when given); never rejects. */
    async token(params: Record<string, string>, key?: DpopKey): Promise<TokenAnswer> {
      const url = new URL('oauth/token', issuer).href;
      // client_id and audience as auth0-js sent them: Auth0 reads the audience here too.
      const body = new URLSearchParams({ client_id: clientId, audience, ...params });
      const init: RequestInit = { method: 'POST', body, credentials: 'omit', cache: 'no-store' };
      const response = await (key ? fetchWithProof(key, url, init) : fetch(url, init)).catch(() => undefined);
      if (!response) return { ok: false, failure: { error: 'network_error', description: `No answer from ${url}.` } };
      const answer = (await response.json().catch(() => ({}))) as TokenBody & Record<string, unknown>;
      if (response.ok) return { ok: true, body: answer };
      const [error, description] = [answer.error ?? 'unknown_error', answer.error_description ?? ''];
      return { ok: false, failure: { error: String(error), description: String(description) } };
    },

    /** The user, once the ID token's signature (RS256), `iss`, `aud`, `exp` and `nonce` check out. */
    async verifyIdToken(idToken: string, nonce: string): Promise<User | LoginFailure> {
      const refused = (why: string) => ({ error: 'invalid_id_token', description: `ID token refused: ${why}.` });
      try {
        const { payload } = await jwtVerify(idToken, keys, {
          issuer,
          audience: clientId,
          algorithms: ['RS256'],
          requiredClaims: ['sub', 'iat', 'exp', 'nonce'],
          // The browser's clock may be off a little; Auth0's SDKs allow 60 s as well.
          clockTolerance: 60,
        });
        if (payload.nonce !== nonce) return refused('its nonce is not the one this sign-in sent');
        const user: User = { sub: String(payload.sub) };
        if (typeof payload.name === 'string') user.name = payload.name;
        if (typeof payload.email === 'string') user.email = payload.email;
        return user;
      } catch (error) {
        if (error instanceof errors.JWTClaimValidationFailed) {
          return refused(`its "${error.claim}" claim is wrong (${error.reason})`);
        }
        if (error instanceof errors.JWSSignatureVerificationFailed) return refused('its signature does not verify');
        return refused(error instanceof errors.JOSEError ? `${error.code}: ${error.message}` : String(error));
      }
    },
  };
}

export type Tenant = ReturnType<typeof connectTenant>;
