// What both sign-in flows give the rest of the page: sessions and readable errors. The flows themselves
// (implicit-flow.ts, code-flow.ts) call auth0-js; this file builds its client and logs out, the same in both.
import { WebAuth, type Auth0Error } from 'auth0-js';
import type { SpaConfig } from './config.ts';

export interface User {
  sub: string;
  name?: string;
  email?: string;
}

/** What a successful login or renewal gives. Kept in memory only: never in any browser storage. */
export interface Session {
  accessToken: string;
  user: User;
  /** The API permissions this page asked the tenant for; the access token's `scope` is what it granted. */
  requestedScopes: string[];
}

export interface AuthFailure {
  error: string;
  description: string;
}

export type AuthOutcome = { ok: true; session: Session } | { ok: false; failure: AuthFailure };

/**
 * An authorization response in the address bar whose `state` names no sign-in this page started (made
 * up, or replayed): it may carry anyone's words as `error_description`, so none of it is shown.
 */
export const UNSOLICITED = 'unsolicited_response';

export function unsolicited(): AuthOutcome & { ok: false } {
  return { ok: false, failure: { error: UNSOLICITED, description: '' } };
}

/** What the page asks the tenant for: the OpenID Connect scopes, then the chosen API permissions. */
export function scopeFor(apiScopes: readonly string[], oidcScopes: readonly string[] = ['openid', 'profile']): string {
  return [...oidcScopes, ...apiScopes].join(' ');
}

/** An auth0-js error (whatever field it put the code and the text in) as the page shows it. */
export function toFailure(err: Auth0Error | null | undefined): AuthFailure {
  const error = err?.error ?? err?.code ?? 'unknown_error';
  const description = err?.errorDescription ?? err?.error_description ?? err?.description ?? '';
  return { error, description };
}

/** The user from ID token claims that have been verified (signature, iss, aud, exp, nonce). */
export function userFrom(claims: Record<string, unknown>): User {
  const user: User = { sub: String(claims.sub) };
  if (typeof claims.name === 'string') user.name = claims.name;
  if (typeof claims.email === 'string') user.email = claims.email;
  return user;
}

/**
 * One auth0-js client for both flows. No `scope` here: auth0-js adds the constructor's scope to every
 * /oauth/token request, and a refresh that names scopes gets an access token with only those, so every
 * call passes its own. `responseType` is what parseHash expects back from the implicit flow; the code
 * flow passes its own on each call.
 */
export function createWebAuth(config: SpaConfig, appOrigin: string): WebAuth {
  return new WebAuth({
    domain: config.tenant.domain,
    clientID: config.clientId,
    audience: config.audience,
    responseType: 'token id_token',
    redirectUri: appOrigin,
    _sendTelemetry: false,
    // auth0-js expects the issuer https://<domain>/; the local tenant is served over http.
    ...(config.tenant.local ? { overrides: { __token_issuer: config.tenant.issuer } } : {}),
  });
}

/** Ends the tenant session (/v2/logout) and comes back to this page. */
export function logOutAtTenant(webAuth: WebAuth, config: SpaConfig, appOrigin: string): void {
  webAuth.logout({ returnTo: appOrigin, clientID: config.clientId });
}
