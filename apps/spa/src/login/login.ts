// Log in from a single-page app: the authorization code flow with PKCE (RFC 9700, RFC 10017), tokens in this
// module's memory only, renewals with the rotating refresh token, and a session restored after a reload by one
// prompt=none round trip (a top-level redirect, so blocked third-party cookies do not matter). Where the tenant
// offers DPoP (RFC 9449), the tokens are bound to a key of this tab that no script can read out, so a stolen
// token is useless elsewhere. This folder is the part to copy (login.ts, tenant.ts, browser-state.ts); it needs
// auth0-js and jose, nothing else.

import type { RoundTrip, RoundTripMode } from './browser-state.ts';
import { beginRoundTrip, challengeFor, type DpopKey, dpopKey, signedInHint, takeRoundTrip } from './browser-state.ts';
import {
  connectTenant,
  dpopProof,
  fetchWithProof,
  type LoginFailure,
  TENANT_UNREACHABLE,
  type TokenBody,
  type User,
} from './tenant.ts';

export { type LoginFailure, TENANT_UNREACHABLE, type User };

export interface LoginOptions {
  /** Auth0: the tenant's domain (`example.eu.auth0.com`); another Auth0-compatible tenant: its URL. */
  domain: string;
  clientId: string;
  /** The API's identifier: every service checks it as the access token's `aud`. */
  audience: string;
  /** The API permissions to ask for (login() and restore() may ask for others). */
  scopes: readonly string[];
  /** Where the tenant sends the browser back and logout returns, as registered there. Default: this origin. */
  redirectUri?: string;
}

export interface Session {
  accessToken: string;
  /** `DPoP`: the tokens are bound to this tab's key and fetchWithToken sends a proof with each call. */
  tokenType: 'DPoP' | 'Bearer';
  user: User;
  /** The permissions asked for at sign-in; the access token's `scope` says which the tenant granted. */
  requestedScopes: string[];
}

export type RenewReason = 'expiry' | 'rejected' | 'asked';

/** `why`: which step ended signed out (`first-visit`: nothing to restore, the tenant was not asked). */
export type LoginChange =
  | { type: 'leaving'; mode: RoundTripMode | 'logout' }
  | { type: 'finishing' }
  | { type: 'signed-in'; mode: RoundTripMode; session: Session }
  | { type: 'renewed'; reason: RenewReason; durationMs: number; session: Session }
  | { type: 'renewal-failed'; reason: RenewReason; failure: LoginFailure }
  | { type: 'signed-out'; why: SignedOutWhy; failure?: LoginFailure };

type SignedOutWhy = RoundTripMode | 'first-visit' | 'ended' | 'unsolicited' | 'no-answer';

/** OpenID Connect scopes of every request: offline_access asks for a refresh token. */
const OIDC_SCOPES = ['openid', 'profile', 'offline_access'];

/** Seconds before expiry to renew: a quarter of the lifetime, at least 2 s and at most a minute. */
export const renewalMargin = (expiresIn: number): number => Math.max(2, Math.min(60, expiresIn / 4));

const tokenTypeOf = (body: TokenBody) => (/^dpop$/i.test(body.token_type ?? '') ? 'DPoP' : 'Bearer');

export function createLogin(options: LoginOptions) {
  const { clientId } = options;
  const redirectUri = options.redirectUri ?? window.location.origin;
  const tenant = connectTenant(options.domain, clientId, options.audience, redirectUri);
  const listeners = new Set<(change: LoginChange) => void>();
  let session: Session | undefined;
  let refreshToken: string | undefined;
  let renewTimer: ReturnType<typeof setTimeout> | undefined;
  let renewing: Promise<boolean> | undefined;
  // This tab's key while the tenant offers DPoP: every token request carries its proof.
  let dpop: DpopKey | undefined;
  // Counts logouts and ended sign-ins, so that a renewal answered afterwards brings nothing back.
  let generation = 0;

  const emit = (change: LoginChange) => {
    for (const listener of listeners) listener(change);
  };
  const signedOut = (why: SignedOutWhy, failure?: LoginFailure) => {
    // Whenever the tenant answered "not signed in", the next page load need not ask it again.
    if (failure?.error !== TENANT_UNREACHABLE) signedInHint.clear(clientId);
    emit(failure ? { type: 'signed-out', why, failure } : { type: 'signed-out', why });
  };

  /** Keeps the (rotated) refresh token; plans the next renewal from the tenant's expires_in, not the clock. */
  function keep(body: TokenBody): void {
    if (body.refresh_token) refreshToken = body.refresh_token;
    clearTimeout(renewTimer);
    const expiresIn = body.expires_in ?? 0;
    const dueMs = (expiresIn - renewalMargin(expiresIn)) * 1000;
    if (expiresIn > 0) renewTimer = setTimeout(() => void renew('expiry'), dueMs);
  }

  function forget(): void {
    clearTimeout(renewTimer);
    session = refreshToken = renewing = undefined;
    generation += 1;
  }

  async function leave(mode: RoundTripMode, scopes: readonly string[]): Promise<void> {
    // A browser that cannot keep the key (no IndexedDB) signs in with Bearer tokens.
    dpop = (await tenant.offersDpop()) ? await dpopKey.get().catch(() => undefined) : undefined;
    const trip = beginRoundTrip(mode, scopes, dpop !== undefined);
    const url = tenant.webAuth.client.buildAuthorizeUrl({
      responseType: 'code',
      responseMode: 'query',
      redirectUri,
      scope: [...OIDC_SCOPES, ...scopes].join(' '),
      state: trip.state,
      nonce: trip.nonce,
      // On auth0-js's list of /authorize parameters, though not in its type definitions.
      ...({ codeChallenge: await challengeFor(trip.verifier), codeChallengeMethod: 'S256' } as object),
      // RFC 9449 §10: the code is bound to the key too, so a stolen code is no use without it.
      ...(dpop ? { dpopJkt: dpop.jkt } : {}),
      ...(mode === 'restore' ? { prompt: 'none' } : {}),
    });
    emit({ type: 'leaving', mode });
    // A restore replaces this history entry, so that Back never lands on a page that leaves again.
    if (mode === 'restore') window.location.replace(url);
    else window.location.assign(url);
  }

  /** This round trip's answer: `iss` (RFC 9207, when the tenant names itself), the code exchange, the ID token. */
  async function finish(params: URLSearchParams, trip: RoundTrip): Promise<Session | LoginFailure> {
    const iss = params.get('iss');
    if (iss !== null && iss !== tenant.issuer) {
      return { error: 'invalid_response', description: `The answer names another issuer (${iss}).` };
    }
    const code = params.get('code');
    if (code === null) {
      return { error: params.get('error') ?? 'unknown_error', description: params.get('error_description') ?? '' };
    }
    dpop = trip.dpop === true ? await dpopKey.get().catch(() => undefined) : undefined;
    const grant = { grant_type: 'authorization_code', code, code_verifier: trip.verifier, redirect_uri: redirectUri };
    const answer = await tenant.token(grant, dpop);
    if (!answer.ok) return answer.failure;
    const { access_token: accessToken, id_token: idToken } = answer.body;
    if (!accessToken || !idToken) return { error: 'invalid_response', description: 'No access or ID token came.' };
    const user = await tenant.verifyIdToken(idToken, trip.nonce);
    if (!('sub' in user)) return user;
    keep(answer.body);
    return { accessToken, tokenType: tokenTypeOf(answer.body), user, requestedScopes: trip.requestedScopes };
  }

  async function renewOnce(reason: RenewReason): Promise<boolean> {
    const started = performance.now();
    const before = generation;
    // No scope: the new access token keeps every permission of the sign-in (a scope would narrow it).
    const none = { error: 'no_refresh_token', description: 'No refresh token came (Auth0: allow offline access).' };
    const answer = refreshToken
      ? await tenant.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, dpop)
      : { ok: false as const, failure: none };
    if (before !== generation || !session) return false;
    if (answer.ok && answer.body.access_token) {
      keep(answer.body);
      session = { ...session, accessToken: answer.body.access_token, tokenType: tokenTypeOf(answer.body) };
      emit({ type: 'renewed', reason, durationMs: Math.round(performance.now() - started), session });
      return true;
    }
    const failure = answer.ok ? { error: 'invalid_response', description: 'No access token came.' } : answer.failure;
    // The tenant ended this sign-in (logout, expiry, or the rotated token was used twice): never send it again.
    if (failure.error !== 'invalid_grant') emit({ type: 'renewal-failed', reason, failure });
    else {
      forget();
      signedOut('ended', failure);
    }
    return false;
  }

  /** One refresh at a time: the tenant rotates the token on every use and takes one shown twice as stolen. */
  function renew(reason: RenewReason = 'asked'): Promise<boolean> {
    if (!session) return Promise.resolve(false);
    renewing ??= renewOnce(reason).finally(() => (renewing = undefined));
    return renewing;
  }

  /** Whether a 401 says the token itself was refused: in the challenge (if CORS exposes it) or the JSON body. */
  async function refusedToken(response: Response): Promise<boolean> {
    if (/error="invalid_token"/.test(response.headers.get('WWW-Authenticate') ?? '')) return true;
    const body = (await response
      .clone()
      .json()
      .catch(() => undefined)) as { error?: unknown } | undefined;
    return body?.error === 'invalid_token';
  }

  return {
    /** Finishes a sign-in whose answer is in the address bar (removed from it first); false when there is none. */
    async handleRedirect(): Promise<boolean> {
      const params = new URLSearchParams(window.location.search);
      if (!params.has('state') || !(params.has('code') || params.has('error'))) return false;
      // The code and state must not stay in the address bar, the history or a bookmark.
      window.history.replaceState(window.history.state, '', window.location.pathname);
      const trip = takeRoundTrip();
      // Only an answer to this tab's own pending request counts; anything else may carry anyone's words.
      if (!trip || params.get('state') !== trip.state) {
        emit({ type: 'signed-out', why: 'unsolicited' });
        return true;
      }
      emit({ type: 'finishing' });
      const outcome = await finish(params, trip);
      if ('error' in outcome) signedOut(trip.mode, outcome);
      else {
        session = outcome;
        signedInHint.set(clientId);
        emit({ type: 'signed-in', mode: trip.mode, session });
      }
      return true;
    },

    /** After a reload: a prompt=none round trip, only where this browser signed in before (or `force`). */
    async restore({ force = false, scopes = options.scopes }: { force?: boolean; scopes?: readonly string[] } = {}) {
      // A round trip that never came back (Back from the tenant's page, an error page) is not tried again.
      const stale = takeRoundTrip();
      if (!force && stale?.mode === 'restore') return emit({ type: 'signed-out', why: 'no-answer' });
      if (!force && !signedInHint.isSet(clientId)) return emit({ type: 'signed-out', why: 'first-visit' });
      const down = await tenant.unreachable();
      return down ? signedOut('restore', down) : leave('restore', scopes);
    },

    /** Leaves for the tenant's login page, unless the tenant does not answer (no dead-end error page). */
    async login(scopes: readonly string[] = options.scopes): Promise<void> {
      const down = await tenant.unreachable();
      return down ? signedOut('login', down) : leave('login', scopes);
    },

    renew,
    session: (): Session | undefined => session,
    accessToken: (): string | undefined => session?.accessToken,

    /**
     * fetch() with the access token: `DPoP <token>` and a fresh proof when the tokens are bound (a nonce challenge
     * gets one retry), else `Bearer <token>`; a 401 invalid_token (expired, or refused for a reason the page
     * cannot see) gets one renewal and one retry. `init.body` must be re-sendable (a string, a Blob).
     */
    async fetchWithToken(input: string | URL, init: RequestInit = {}): Promise<Response> {
      const send = () => {
        const headers = new Headers(init.headers);
        const url = new URL(input, window.location.href).href;
        if (!session) return fetch(url, { ...init, headers });
        const { accessToken, tokenType } = session;
        headers.set('Authorization', `${tokenType} ${accessToken}`);
        if (tokenType === 'DPoP' && dpop) return fetchWithProof(dpop, url, { ...init, headers }, accessToken);
        return fetch(url, { ...init, headers });
      };
      const first = await send();
      if (first.status !== 401 || !session || !(await refusedToken(first)) || !(await renew('rejected'))) return first;
      return send();
    },

    /**
     * The headers that authorize one request for another HTTP client (an API console, a generated client):
     * `Authorization`, and a proof of this tab's key for exactly `method` and `url` when the tokens are bound.
     * Empty while signed out. No nonce retry and no renewal after a 401: fetchWithToken does those.
     */
    async authorization(method: string, url: string): Promise<Record<string, string>> {
      if (!session) return {};
      const { accessToken, tokenType } = session;
      const headers = { Authorization: `${tokenType} ${accessToken}` };
      if (tokenType !== 'DPoP' || !dpop) return headers;
      return { ...headers, DPoP: await dpopProof(dpop, method, new URL(url, window.location.href).href, accessToken) };
    },

    /** Ends the tenant session (which revokes the refresh tokens), deletes the key, comes back to redirectUri. */
    async logout(): Promise<void> {
      forget();
      signedInHint.clear(clientId);
      emit({ type: 'leaving', mode: 'logout' });
      // Deleted before the page leaves: an IndexedDB request cut short by the navigation may never commit.
      await dpopKey.remove().catch(() => undefined);
      tenant.webAuth.logout({ returnTo: redirectUri, clientID: clientId });
    },

    /** Calls `listener` on every change; returns the function that stops it. */
    onChange(listener: (change: LoginChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Login = ReturnType<typeof createLogin>;
