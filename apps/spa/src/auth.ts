// What both sign-in flows give the rest of the page: sessions and readable errors. The code flow is the
// copyable login (login/login.ts); the guide's implicit flow (implicit-flow.ts) uses the auth0-js client built here.
import { type Auth0Error, WebAuth } from 'auth0-js';
import type { SpaConfig } from './config.ts';
import type { LoginFailure, Session, User } from './login/login.ts';

/** The same session, user and failure in both flows: the code flow's come from the copyable login. */
export type { Session, User };
export type AuthFailure = LoginFailure;

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

/** The implicit flow's auth0-js client. `responseType` is what parseHash expects back. */
export function createWebAuth(config: SpaConfig): WebAuth {
  return new WebAuth({
    domain: config.tenant.domain,
    clientID: config.clientId,
    audience: config.audience,
    responseType: 'token id_token',
    redirectUri: config.spaOrigin,
    _sendTelemetry: false,
    // auth0-js expects the issuer https://<domain>/; the local tenant is served over http.
    ...(config.tenant.local ? { overrides: { __token_issuer: config.tenant.issuer } } : {}),
  });
}

/** Ends the tenant session (/v2/logout) and comes back to this page. */
export function logOutAtTenant(webAuth: WebAuth, config: SpaConfig): void {
  webAuth.logout({ returnTo: config.spaOrigin, clientID: config.clientId });
}
