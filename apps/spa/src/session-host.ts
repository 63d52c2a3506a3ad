import type { TokenFetch } from './api.ts';
import type { AuthFailure, Session } from './auth.ts';
import { readClaims } from './claims.ts';
import { TENANT_UNREACHABLE } from './tenant-probe.ts';
import type { Page } from './ui/page.ts';

/** What the page says about a sign-in or check that failed with this OAuth error. */
export const EXPLAIN: Record<string, string> = {
  access_denied: 'Sign-in was refused or the permissions were declined: you are not signed in.',
  login_required: 'The tenant has no session for you (signed out, or never signed in).',
  consent_required: 'The tenant needs you to allow the requested permissions: click "Log in".',
  interaction_required: 'The tenant needs you to sign in again: click "Log in".',
  timeout: 'The tenant did not answer the silent check in time.',
  invalid_id_token: 'The ID token did not pass the checks, so you are not signed in.',
};

export const UNSOLICITED_TEXT = 'A sign-in response arrived that this page did not ask for; it was ignored.';

/** A few words after the error code on the "Last silent session check" line. */
const CHECK_MEANING: Record<string, string> = {
  login_required: 'no session at the tenant',
  consent_required: 'consent needed',
  interaction_required: 'sign-in needed',
  timeout: 'no answer from the tenant',
  invalid_grant: 'the tenant ended this sign-in',
  [TENANT_UNREACHABLE]: 'the tenant does not answer',
};

/** "login_required (no session at the tenant)": an outcome for the check line. */
export function checkOutcome(failure: AuthFailure): string {
  const meaning = CHECK_MEANING[failure.error];
  return `${failure.error}${meaning ? ` (${meaning})` : ''}`;
}

/**
 * The signed-in state both flows share, and the page updates that go with it. Tokens live here, in
 * memory only: a reload forgets them, and the active flow brings them back from the tenant session.
 */
export function createSessionHost(page: Page, onSignedIn: (session: Session) => void = () => {}) {
  let session: Session | undefined;
  // Set while the page says the tenant does not answer, so that the first answer takes the notice away.
  let tenantDownShown = false;

  return {
    page,
    current: (): Session | undefined => session,

    signIn(next: Session): void {
      // A renewal asks only for what the token already holds; what the user asked for at sign-in stays
      // the request that the token's scopes are compared with.
      const first = session === undefined;
      session = session ? { ...next, requestedScopes: session.requestedScopes } : next;
      page.showSignedIn(session, readClaims(session.accessToken), Date.now());
      if (first) onSignedIn(session);
    },

    signOut(): void {
      session = undefined;
      page.showSignedOut();
    },

    /** Drops the tokens without touching the page (it is about to leave for the tenant). */
    forget(): void {
      session = undefined;
    },

    showFailure(title: string, failure: AuthFailure): void {
      tenantDownShown = failure.error === TENANT_UNREACHABLE;
      if (tenantDownShown) page.showMessage('error', failure.description);
      else page.showMessage('error', title, failure);
    },

    /** The tenant answered again (or answered something else than "unreachable"): drop that notice. */
    tenantAnswered(): void {
      if (!tenantDownShown) return;
      tenantDownShown = false;
      page.clearMessage();
    },
  };
}

export type SessionHost = ReturnType<typeof createSessionHost>;

/** What app.ts needs from the active flow. */
export interface FlowSession {
  /** On page load: finish a sign-in found in the address bar, or look for the tenant session. */
  start(): void | Promise<void>;
  /** "Check session" (button) and the periodic check (timer). */
  check(reason: 'button' | 'timer'): void;
  login(): void;
  logout(): void;
  /** fetch() with the flow's access token (the code flow renews once after a 401 invalid_token and retries). */
  send: TokenFetch;
}
