// Everything the login asks of the tenant: the /authorize URL and the /oauth/token calls through auth0-js,
// the ID token check by jose (auth0-js checks ID tokens only inside its implicit flow's parseHash), and a
// quick look at whether the tenant answers at all before the page leaves for it.
import { type Auth0Error, WebAuth } from 'auth0-js';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

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

export interface TokenBody {
  accessToken?: string;
  idToken?: string;
  refreshToken?: string;
  expiresIn?: number;
}

export type TokenAnswer = { ok: true; body: TokenBody } | { ok: false; failure: LoginFailure };

export const TENANT_UNREACHABLE = 'tenant_unreachable';

/** `domain`: Auth0's bare domain (https), or the URL of another Auth0-compatible tenant (http allowed). */
export function connectTenant(domain: string, clientId: string, audience: string, redirectUri: string) {
  const byUrl = /^https?:\/\//.test(domain);
  const issuer = byUrl ? `${domain.replace(/\/+$/, '')}/` : `https://${domain}/`;
  const origin = new URL(issuer).origin;
  // auth0-js expects the issuer https://<domain>/; a tenant given by its URL may be served over http.
  const overrides = byUrl ? { overrides: { __token_issuer: issuer } } : {};
  const options = { domain, clientID: clientId, audience, redirectUri, responseType: 'code', _sendTelemetry: false };
  const webAuth = new WebAuth({ ...options, ...overrides });
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

    /** One /oauth/token call (auth0-js snake-cases the names); never rejects. */
    token(params: Record<string, string>): Promise<TokenAnswer> {
      return new Promise((resolve) => {
        webAuth.client.oauthToken(params, (err: (Auth0Error & { statusCode?: number }) | null, body: TokenBody) => {
          if (!err) return resolve({ ok: true, body });
          // No status and no code: the request never got an answer.
          const unanswered = err.statusCode === undefined && !err.code;
          const error = unanswered ? 'network_error' : String(err.code ?? err.error ?? 'unknown_error');
          const said = String(err.description ?? err.errorDescription ?? '');
          const description = unanswered ? `No answer from ${origin}/oauth/token.` : said;
          resolve({ ok: false, failure: { error, description } });
        });
      });
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
