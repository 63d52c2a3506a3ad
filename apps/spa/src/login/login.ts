// Log in from a single-page app: the authorization code flow with PKCE through auth0-js (RFC 9700, RFC 10017),
// tokens in this module's memory only, renewals with the rotating refresh token, and a session restored after
// a reload by one prompt=none round trip (a top-level redirect, so blocked third-party cookies do not matter).
// This folder is the part to copy (login.ts, id-token.ts, browser-state.ts): it needs auth0-js and jose only.
import { WebAuth, type Auth0Error } from 'auth0-js';
import { beginRoundTrip, challengeFor, signedInHint, takeRoundTrip, type RoundTrip, type RoundTripMode } from './browser-state.ts';
import { IdTokenError, verifyIdToken, type LoginFailure, type User } from './id-token.ts';

export type { LoginFailure, User };

export interface LoginOptions {
  /** Auth0: the tenant's domain (`example.eu.auth0.com`). Another Auth0-compatible tenant: its URL (`http://localhost:4000`). */
  domain: string;
  clientId: string;
  /** The API's identifier: every service checks it as the access token's `aud`. */
  audience: string;
  /** The API permissions to ask for (login() and restore() may ask for others). */
  scopes: readonly string[];
  /** Where the tenant sends the browser back and where logout returns, as registered at the tenant. Default: this page's origin. */
  redirectUri?: string;
}

export interface Session {
  accessToken: string;
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
  | { type: 'renewal-failed'; reason: RenewReason; durationMs: number; failure: LoginFailure }
  | { type: 'signed-out'; why: RoundTripMode | 'first-visit' | 'ended' | 'unsolicited' | 'no-answer'; failure?: LoginFailure };

export const TENANT_UNREACHABLE = 'tenant_unreachable';

/** The OpenID Connect scopes of every request: offline_access asks for a refresh token. */
const OIDC_SCOPES = ['openid', 'profile', 'offline_access'];

interface TokenBody {
  accessToken?: string;
  idToken?: string;
  refreshToken?: string;
  expiresIn?: number;
}
type TokenAnswer = { ok: true; body: TokenBody } | { ok: false; failure: LoginFailure };

/** Seconds before expiry to renew: a quarter of the lifetime, at least 2 s and at most a minute. */
export const renewalMargin = (expiresIn: number): number => Math.max(2, Math.min(60, expiresIn / 4));

export function createLogin(options: LoginOptions) {
  const { clientId, audience } = options;
  const redirectUri = options.redirectUri ?? window.location.origin;
  const local = /^https?:\/\//.test(options.domain);
  const issuer = local ? `${options.domain.replace(/\/+$/, '')}/` : `https://${options.domain}/`;
  const webAuth = new WebAuth({
    domain: options.domain,
    clientID: clientId,
    audience,
    responseType: 'code',
    redirectUri,
    _sendTelemetry: false,
    // auth0-js expects the issuer https://<domain>/; a tenant given by its URL may be served over http.
    ...(local ? { overrides: { __token_issuer: issuer } } : {}),
  });
  const listeners = new Set<(change: LoginChange) => void>();
  let session: Session | undefined;
  let refreshToken: string | undefined;
  let renewTimer: ReturnType<typeof setTimeout> | undefined;
  let renewing: Promise<boolean> | undefined;
  // Counts logouts and ends, so that a renewal answered afterwards brings nothing back.
  let generation = 0;

  const emit = (change: LoginChange) => listeners.forEach((listener) => listener(change));

  /** A stopped tenant would leave the user on the browser's error page: look before leaving (no-cors, nothing read). */
  async function tenantAnswers(): Promise<LoginFailure | undefined> {
    try {
      await fetch(new URL('.well-known/openid-configuration', issuer), { mode: 'no-cors', cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(3000) });
      return undefined;
    } catch {
      return { error: TENANT_UNREACHABLE, description: `The tenant at ${new URL(issuer).origin} does not answer.` };
    }
  }

  function tokenRequest(params: Record<string, string>): Promise<TokenAnswer> {
    return new Promise((resolve) => {
      webAuth.client.oauthToken(params, (err: (Auth0Error & { statusCode?: number }) | null, body: TokenBody) => {
        if (!err) return resolve({ ok: true, body });
        // No status and no code: the request never got an answer.
        if (err.statusCode === undefined && !err.code) resolve({ ok: false, failure: { error: 'network_error', description: `No answer from ${new URL(issuer).origin}/oauth/token.` } });
        else resolve({ ok: false, failure: { error: String(err.code ?? err.error ?? 'unknown_error'), description: String(err.description ?? err.errorDescription ?? '') } });
      });
    });
  }

  /** Keeps the (rotated) refresh token and plans the next renewal from the tenant's expires_in, not the browser's clock. */
  function keep(body: TokenBody): void {
    if (body.refreshToken) refreshToken = body.refreshToken;
    clearTimeout(renewTimer);
    const expiresIn = typeof body.expiresIn === 'number' ? body.expiresIn : 0;
    if (expiresIn > 0) renewTimer = setTimeout(() => void renew('expiry'), (expiresIn - renewalMargin(expiresIn)) * 1000);
  }

  function forget(): void {
    clearTimeout(renewTimer);
    session = refreshToken = renewing = undefined;
    generation += 1;
  }

  async function leave(mode: RoundTripMode, scopes: readonly string[]): Promise<void> {
    const trip = beginRoundTrip(mode, scopes);
    const url = webAuth.client.buildAuthorizeUrl({
      responseType: 'code',
      responseMode: 'query',
      redirectUri,
      scope: [...OIDC_SCOPES, ...scopes].join(' '),
      state: trip.state,
      nonce: trip.nonce,
      // On auth0-js's list of /authorize parameters, though not in its type definitions.
      ...({ codeChallenge: await challengeFor(trip.verifier), codeChallengeMethod: 'S256' } as object),
      ...(mode === 'restore' ? { prompt: 'none' } : {}),
    });
    emit({ type: 'leaving', mode });
    // A restore replaces this history entry, so that Back never lands on a page that leaves again.
    if (mode === 'restore') window.location.replace(url);
    else window.location.assign(url);
  }

  /** The tokens for this round trip's answer: `state` (checked by the caller), `iss`, the code exchange, the ID token. */
  async function finish(params: URLSearchParams, trip: RoundTrip): Promise<{ ok: true; session: Session } | { ok: false; failure: LoginFailure }> {
    // RFC 9207: when the tenant names itself, it must be the tenant this page asked (Auth0 may not name it).
    const iss = params.get('iss');
    if (iss !== null && iss !== issuer) return { ok: false, failure: { error: 'invalid_response', description: `The response names another issuer (${iss}).` } };
    const code = params.get('code');
    if (code === null) return { ok: false, failure: { error: params.get('error') ?? 'unknown_error', description: params.get('error_description') ?? '' } };
    const answer = await tokenRequest({ grantType: 'authorization_code', code, codeVerifier: trip.verifier, redirectUri });
    if (!answer.ok) return answer;
    const { accessToken, idToken } = answer.body;
    if (!accessToken || !idToken) return { ok: false, failure: { error: 'invalid_response', description: 'The tenant answered without an access token and an ID token.' } };
    try {
      const user = await verifyIdToken(idToken, issuer, clientId, trip.nonce);
      keep(answer.body);
      return { ok: true, session: { accessToken, user, requestedScopes: trip.requestedScopes } };
    } catch (error) {
      if (error instanceof IdTokenError) return { ok: false, failure: error.failure };
      throw error;
    }
  }

  async function renewOnce(reason: RenewReason): Promise<boolean> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    if (!refreshToken) {
      emit({ type: 'renewal-failed', reason, durationMs: 0, failure: { error: 'no_refresh_token', description: 'The tenant gave this sign-in no refresh token (with Auth0: allow offline access on the API).' } });
      return false;
    }
    const before = generation;
    // No scope: the new access token keeps every permission of the sign-in (a scope would narrow it).
    const answer = await tokenRequest({ grantType: 'refresh_token', refreshToken });
    if (before !== generation || !session) return false;
    if (answer.ok && answer.body.accessToken) {
      keep(answer.body);
      session = { ...session, accessToken: answer.body.accessToken };
      emit({ type: 'renewed', reason, durationMs: elapsed(), session });
      return true;
    }
    const failure = answer.ok ? { error: 'invalid_response', description: 'The tenant answered without an access token.' } : answer.failure;
    // The tenant ended this sign-in (logout, expiry, or the rotated token was used twice): never send it again.
    if (failure.error === 'invalid_grant') {
      forget();
      signedInHint.clear(clientId);
      emit({ type: 'signed-out', why: 'ended', failure });
    } else {
      emit({ type: 'renewal-failed', reason, durationMs: elapsed(), failure });
    }
    return false;
  }

  /** One refresh at a time: the tenant rotates the token on every use and takes one shown twice as stolen. */
  function renew(reason: RenewReason = 'asked'): Promise<boolean> {
    if (!session) return Promise.resolve(false);
    renewing ??= renewOnce(reason).finally(() => (renewing = undefined));
    return renewing;
  }

  /** Whether a 401 says the token itself was refused: the challenge (when CORS exposes it) or the JSON body. */
  async function refusedToken(response: Response): Promise<boolean> {
    if (/error="invalid_token"/.test(response.headers.get('WWW-Authenticate') ?? '')) return true;
    const body: unknown = await response.clone().json().catch(() => undefined);
    return typeof body === 'object' && body !== null && (body as { error?: unknown }).error === 'invalid_token';
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
      if (outcome.ok) {
        session = outcome.session;
        signedInHint.set(clientId);
        emit({ type: 'signed-in', mode: trip.mode, session });
      } else {
        signedInHint.clear(clientId);
        emit({ type: 'signed-out', why: trip.mode, failure: outcome.failure });
      }
      return true;
    },

    /**
     * After a reload: one prompt=none round trip, only when this browser signed in here before (or `force`);
     * otherwise signed out at once, without a request to the tenant.
     */
    async restore({ force = false, scopes = options.scopes }: { force?: boolean; scopes?: readonly string[] } = {}): Promise<void> {
      // A round trip that never came back (Back from the tenant's page, an error page) is not tried again on its own.
      const stale = takeRoundTrip();
      if (!force && stale?.mode === 'restore') return emit({ type: 'signed-out', why: 'no-answer' });
      if (!force && !signedInHint.isSet(clientId)) return emit({ type: 'signed-out', why: 'first-visit' });
      const down = await tenantAnswers();
      if (down) return emit({ type: 'signed-out', why: 'restore', failure: down });
      await leave('restore', scopes);
    },

    /** Leaves for the tenant's login page (unless the tenant does not answer). */
    async login(scopes: readonly string[] = options.scopes): Promise<void> {
      const down = await tenantAnswers();
      if (down) return emit({ type: 'signed-out', why: 'login', failure: down });
      await leave('login', scopes);
    },

    renew,
    session: (): Session | undefined => session,
    accessToken: (): string | undefined => session?.accessToken,

    /**
     * fetch() with the access token as a Bearer header; a 401 invalid_token (expired, or refused for a reason
     * the page cannot see) gets one renewal and one retry. `init.body` must be re-sendable (a string, a Blob).
     */
    async fetchWithToken(input: string | URL, init: RequestInit = {}): Promise<Response> {
      const send = () => {
        const headers = new Headers(init.headers);
        if (session) headers.set('Authorization', `Bearer ${session.accessToken}`);
        return fetch(input, { ...init, headers });
      };
      const first = await send();
      if (first.status !== 401 || !session || !(await refusedToken(first)) || !(await renew('rejected'))) return first;
      return send();
    },

    /** Ends the tenant session (which revokes the refresh tokens) and comes back to redirectUri. */
    logout(): void {
      forget();
      signedInHint.clear(clientId);
      emit({ type: 'leaving', mode: 'logout' });
      webAuth.logout({ returnTo: redirectUri, clientID: clientId });
    },

    /** Calls `listener` on every change; returns the function that stops it. */
    onChange(listener: (change: LoginChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Login = ReturnType<typeof createLogin>;
