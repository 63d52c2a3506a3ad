// The guide's flow through auth0-js: response_type=token id_token, tokens in the URL fragment, and
// checkSession (a hidden iframe with prompt=none) to restore and renew them.
import type { Auth0DecodedHash, Auth0Error, CheckSessionOptions, WebAuth } from 'auth0-js';
import { type AuthOutcome, scopeFor, toFailure, unsolicited, userFrom } from './auth.ts';

export interface ImplicitAuth {
  /** Leaves the page for the tenant's login (auth0-js stores state and nonce for the return). */
  login(apiScopes: readonly string[]): void;
  /** Validates an authorization response found in the URL fragment: state, nonce, id_token signature and claims. */
  handleRedirect(fragment: string): Promise<AuthOutcome>;
  /** Asks the tenant in a hidden iframe (prompt=none, response_mode=web_message) whether its session is still there. */
  checkSession(apiScopes: readonly string[]): Promise<AuthOutcome>;
}

/** True when a fragment holds an authorization response rather than an in-page anchor. */
export function isFragmentResponse(fragment: string): boolean {
  return /(?:^#?|&)(?:access_token|id_token|error)=/.test(fragment);
}

/** A tenant that does not answer the hidden iframe (down, or blocked) fails the check after this long. */
const CHECK_TIMEOUT_MS = 15_000;

/** What the transaction (kept by auth0-js for the redirect round trip) carries back besides state and nonce. */
interface LoginAppState {
  requestedScopes: string[];
}

/**
 * Public in auth0-js 10 (web-auth/index.js: it is what parseHash uses to check `state` against the
 * transaction stored at authorize() time, and it consumes that transaction) but missing from @types/auth0-js.
 */
interface StateValidator {
  validateAuthenticationResponse(
    options: object,
    parsedHash: { state?: string },
    cb: (err: Auth0Error | null) => void,
  ): void;
}

/** auth0-js's answer when a response's `state` matches no stored transaction (web-auth/index.js). */
function isStateMismatch(err: Auth0Error): boolean {
  return err.error === 'invalid_token' && err.errorDescription === '`state` does not match.';
}

function stateOf(fragment: string): string | undefined {
  return new URLSearchParams(fragment.replace(/^#?\/?/, '')).get('state') ?? undefined;
}

function requestedScopesOf(appState: unknown): string[] {
  const scopes = (appState as Partial<LoginAppState> | null)?.requestedScopes;
  return Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string') : [];
}

function toOutcome(
  err: Auth0Error | null,
  result: Auth0DecodedHash | null,
  requestedScopes: readonly string[],
): AuthOutcome {
  if (err) return { ok: false, failure: toFailure(err) };
  if (!result?.accessToken || !result.idTokenPayload) {
    return {
      ok: false,
      failure: {
        error: 'invalid_response',
        description: 'The tenant answered without an access token and an ID token.',
      },
    };
  }
  // idTokenPayload has been verified by auth0-js (signature, iss, aud, exp, nonce); typed `any` upstream.
  const user = userFrom(result.idTokenPayload as Record<string, unknown>);
  return {
    ok: true,
    session: { accessToken: result.accessToken, tokenType: 'Bearer', user, requestedScopes: [...requestedScopes] },
  };
}

export function createImplicitAuth(webAuth: WebAuth): ImplicitAuth {
  return {
    login(apiScopes) {
      const appState: LoginAppState = { requestedScopes: [...apiScopes] };
      webAuth.authorize({ responseType: 'token id_token', scope: scopeFor(apiScopes), appState });
    },
    handleRedirect(fragment) {
      return new Promise((resolve) => {
        webAuth.parseHash({ hash: fragment }, (err, result) => {
          if (!err) return resolve(toOutcome(null, result, requestedScopesOf(result?.appState)));
          if (isStateMismatch(err)) return resolve(unsolicited());
          if (!/(?:^#?|&)error=/.test(fragment)) return resolve(toOutcome(err, null, []));
          // parseHash hands an error response back as it stands, without looking at its `state`: only
          // a response to this page's own pending request may put the tenant's words on the page.
          const validator = webAuth as unknown as StateValidator;
          validator.validateAuthenticationResponse({}, { state: stateOf(fragment) }, (stateError) =>
            resolve(stateError ? unsolicited() : toOutcome(err, null, [])),
          );
        });
      });
    },
    checkSession(apiScopes) {
      return new Promise((resolve) => {
        // `timeout` is read by auth0-js (web-message-handler.js) but missing from @types/auth0-js.
        const options: CheckSessionOptions & { timeout: number } = {
          responseType: 'token id_token',
          scope: scopeFor(apiScopes),
          timeout: CHECK_TIMEOUT_MS,
        };
        webAuth.checkSession(options, (err: Auth0Error | null, result: Auth0DecodedHash | null) =>
          resolve(toOutcome(err, result, apiScopes)),
        );
      });
    },
  };
}
