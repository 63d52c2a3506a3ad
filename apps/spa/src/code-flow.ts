// Authorization code + PKCE through auth0-js: it builds the /authorize URL and makes the /oauth/token
// calls; auth0-js has no PKCE helper, so the verifier and challenge come from code-transaction.ts.
import type { Auth0Error, AuthorizeUrlOptions, WebAuth } from 'auth0-js';
import { scopeFor, unsolicited, type AuthFailure, type Session } from './auth.ts';
import { beginTransaction, challengeFor, takeTransaction, type CodeMode } from './code-transaction.ts';
import type { SpaConfig } from './config.ts';
import { IdTokenError, verifyIdToken } from './id-token.ts';

/** What /oauth/token gave, beyond the session: held in memory by token-renewal.ts, never stored. */
export interface Grant {
  refreshToken?: string;
  /** The access token's lifetime in seconds, as the tenant says (independent of the browser's clock). */
  expiresIn: number;
}

/** `mode` says which request the response answered; undefined when it answered none of this tab's (unsolicited). */
export type CodeOutcome =
  | { ok: true; mode: CodeMode; session: Session; grant: Grant }
  | { ok: false; mode: CodeMode | undefined; failure: AuthFailure };
export type RefreshOutcome = { ok: true; accessToken: string; grant: Grant } | { ok: false; failure: AuthFailure };

export interface CodeAuth {
  /** Leaves the page for /authorize (response_type=code, S256 challenge; prompt=none when silent). */
  authorize(mode: CodeMode, apiScopes: readonly string[]): Promise<void>;
  /** Checks the response in the query against this tab's transaction, exchanges the code, checks the ID token. */
  finish(response: URLSearchParams): Promise<CodeOutcome>;
  /** One refresh-token grant; the answer carries the rotated refresh token. */
  refresh(refreshToken: string): Promise<RefreshOutcome>;
}

/** The OpenID Connect scopes of the code flow: offline_access asks for a refresh token. */
const OIDC_SCOPES = ['openid', 'profile', 'offline_access'];

/** The query parameters of an authorization response (RFC 6749 §4.1.2), if the address holds one. */
export function queryResponse(search: string): URLSearchParams | undefined {
  const params = new URLSearchParams(search);
  return params.has('state') && (params.has('code') || params.has('error')) ? params : undefined;
}

/** auth0-js validates option names against its allow list; these are on it but not in @types/auth0-js. */
type CodeAuthorizeOptions = AuthorizeUrlOptions & { codeChallenge: string; codeChallengeMethod: 'S256'; prompt?: 'none' };

interface TokenResponse {
  accessToken?: string;
  idToken?: string;
  refreshToken?: string;
  expiresIn?: number;
}

/** An /oauth/token failure: the tenant's error, or (no status at all) the request never got an answer. */
function tokenFailure(err: Auth0Error & { statusCode?: number }, config: SpaConfig): AuthFailure {
  if (err.statusCode === undefined && !err.code) {
    return { error: 'network_error', description: `No answer from ${new URL(config.tenant.issuer).origin}/oauth/token.` };
  }
  return { error: String(err.code ?? err.error ?? 'unknown_error'), description: String(err.description ?? err.errorDescription ?? '') };
}

function tokenCall(webAuth: WebAuth, options: Record<string, string>, config: SpaConfig): Promise<{ ok: true; body: TokenResponse } | { ok: false; failure: AuthFailure }> {
  return new Promise((resolve) => {
    webAuth.client.oauthToken(options, (err: (Auth0Error & { statusCode?: number }) | null, body: TokenResponse) =>
      resolve(err ? { ok: false, failure: tokenFailure(err, config) } : { ok: true, body }),
    );
  });
}

function grantOf(body: TokenResponse): Grant {
  return { ...(body.refreshToken ? { refreshToken: body.refreshToken } : {}), expiresIn: typeof body.expiresIn === 'number' ? body.expiresIn : 0 };
}

export function createCodeAuth(webAuth: WebAuth, config: SpaConfig, appOrigin: string): CodeAuth {
  return {
    async authorize(mode, apiScopes) {
      const transaction = beginTransaction(mode, apiScopes);
      const options: CodeAuthorizeOptions = {
        responseType: 'code',
        responseMode: 'query',
        redirectUri: appOrigin,
        scope: scopeFor(apiScopes, OIDC_SCOPES),
        state: transaction.state,
        nonce: transaction.nonce,
        codeChallenge: await challengeFor(transaction.verifier),
        codeChallengeMethod: 'S256',
        ...(mode === 'silent' ? { prompt: 'none' as const } : {}),
      };
      const url = webAuth.client.buildAuthorizeUrl(options);
      // A silent attempt replaces this history entry, so that Back never lands on a page that redirects again.
      if (mode === 'silent') window.location.replace(url);
      else window.location.assign(url);
    },

    async finish(response) {
      const transaction = takeTransaction();
      // Only a response to this tab's own pending request counts; anything else may carry anyone's words.
      if (!transaction || response.get('state') !== transaction.state) return { ...unsolicited(), mode: undefined };
      const { mode } = transaction;
      // RFC 9207: when the tenant names itself, it must be the tenant this page asked (Auth0 may not name it).
      const iss = response.get('iss');
      if (iss !== null && iss !== config.tenant.issuer) {
        return { ok: false, mode, failure: { error: 'invalid_response', description: `The response names another issuer (${iss}).` } };
      }
      const code = response.get('code');
      if (code === null) {
        return { ok: false, mode, failure: { error: response.get('error') ?? 'unknown_error', description: response.get('error_description') ?? '' } };
      }
      const exchanged = await tokenCall(webAuth, { grantType: 'authorization_code', code, codeVerifier: transaction.verifier, redirectUri: appOrigin }, config);
      if (!exchanged.ok) return { ...exchanged, mode };
      const { accessToken, idToken } = exchanged.body;
      if (!accessToken || !idToken) {
        return { ok: false, mode, failure: { error: 'invalid_response', description: 'The tenant answered without an access token and an ID token.' } };
      }
      try {
        const user = await verifyIdToken(idToken, config, transaction.nonce);
        return { ok: true, mode, session: { accessToken, user, requestedScopes: transaction.requestedScopes }, grant: grantOf(exchanged.body) };
      } catch (error) {
        if (error instanceof IdTokenError) return { ok: false, mode, failure: error.failure };
        throw error;
      }
    },

    async refresh(refreshToken) {
      // No scope: the new access token keeps every permission of the login (a scope would narrow it).
      const refreshed = await tokenCall(webAuth, { grantType: 'refresh_token', refreshToken }, config);
      if (!refreshed.ok) return refreshed;
      const { accessToken } = refreshed.body;
      if (!accessToken) return { ok: false, failure: { error: 'invalid_response', description: 'The tenant answered without an access token.' } };
      return { ok: true, accessToken, grant: grantOf(refreshed.body) };
    },
  };
}
