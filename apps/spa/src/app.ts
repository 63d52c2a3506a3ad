import { callApi } from './api.ts';
import { isAuthResponse, type Auth, type AuthOutcome, type Session } from './auth.ts';
import { readClaims } from './claims.ts';
import type { SpaConfig } from './config.ts';
import type { ApiName, Page } from './ui/page.ts';

const API_LABELS: Record<ApiName, string> = { contacts: 'Contacts API', calendar: 'Calendar API' };

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access']);

const EXPLAIN: Record<string, string> = {
  access_denied: 'Sign-in was refused or the permissions were declined: you are not signed in.',
  login_required: 'The tenant has no session for you (signed out, or never signed in).',
  consent_required: 'The tenant needs you to allow the requested permissions: click "Log in".',
  interaction_required: 'The tenant needs you to sign in again: click "Log in".',
  timeout: 'The tenant did not answer the silent check in time.',
};

/** A few words after the error code on the "Last silent session check" line. */
const CHECK_MEANING: Record<string, string> = {
  login_required: 'no session at the tenant',
  consent_required: 'consent needed',
  interaction_required: 'sign-in needed',
  timeout: 'no answer from the tenant',
};

export interface AppOptions {
  config: SpaConfig;
  auth: Auth;
  page: Page;
  /** window.location and window.history: the fragment is read once and removed at once. */
  location: Location;
  history: History;
}

/** The page's behaviour: login and logout, silent checks on load and on a timer, API calls. */
export function startApp({ config, auth, page, location, history }: AppOptions): void {
  // Tokens live here, in memory only: a reload forgets them and checkSession brings them back.
  let session: Session | undefined;
  let checking = false;

  function signIn(next: Session): void {
    session = next;
    page.showSignedIn(next, readClaims(next.accessToken), Date.now());
  }

  function signOut(): void {
    session = undefined;
    page.showSignedOut();
  }

  function sessionScopes(): string[] {
    // A check while signed in asks again for what the current token holds, so it never asks for consent
    // the user has not given; signed out, it asks for what the checkboxes say.
    if (!session) return page.selectedScopes();
    return readClaims(session.accessToken).scope.filter((scope) => !OIDC_SCOPES.has(scope));
  }

  async function check(reason: 'load' | 'timer' | 'button'): Promise<void> {
    if (checking) return;
    checking = true;
    const wasSignedIn = session !== undefined;
    if (!wasSignedIn && reason !== 'timer') page.showBusy('Checking your session with the tenant…');
    const outcome: AuthOutcome = await auth.checkSession(sessionScopes());
    checking = false;
    const meaning = outcome.ok ? undefined : CHECK_MEANING[outcome.failure.error];
    page.showCheck(new Date(), outcome.ok ? 'signed in' : `${outcome.failure.error}${meaning ? ` (${meaning})` : ''}`);
    if (outcome.ok) {
      signIn(outcome.session);
      if (!wasSignedIn && reason !== 'load') page.showMessage('info', 'Signed in through single sign-on: the tenant already had your session.');
      else if (reason !== 'timer') page.clearMessage();
      return;
    }
    const { failure } = outcome;
    if (wasSignedIn && failure.error === 'login_required') {
      signOut();
      page.showMessage('info', 'Signed out: your session at the tenant has ended (single logout).', failure);
      return;
    }
    if (wasSignedIn) {
      page.showMessage('error', 'The silent session check failed; you stay signed in until your token expires.', failure);
      return;
    }
    signOut();
    // Signed out, a timer check only matters when it finds a session (single sign-on); its failures stay on
    // the check line instead of replacing what the page already says (e.g. why the last sign-in failed).
    if (failure.error !== 'login_required' && reason !== 'timer') {
      page.showMessage('error', EXPLAIN[failure.error] ?? 'The silent session check failed.', failure);
    }
  }

  async function finishRedirect(fragment: string): Promise<void> {
    page.showBusy('Finishing sign-in…');
    const outcome = await auth.handleRedirect(fragment);
    if (outcome.ok) {
      signIn(outcome.session);
      page.clearMessage();
      return;
    }
    signOut();
    page.showMessage('error', EXPLAIN[outcome.failure.error] ?? 'Sign-in did not complete.', outcome.failure);
  }

  async function call(api: ApiName): Promise<void> {
    page.showPending(API_LABELS[api]);
    page.showResult(await callApi(API_LABELS[api], config.apis[api], session?.accessToken));
  }

  page.showConfig(config);
  page.bind({
    login() {
      page.showBusy('Redirecting to the tenant…');
      auth.login(page.selectedScopes());
    },
    logout() {
      session = undefined;
      page.showBusy('Signing out at the tenant…');
      auth.logout();
    },
    checkSession: () => void check('button'),
    call: (api) => void call(api),
  });

  const fragment = location.hash;
  if (isAuthResponse(fragment)) {
    // Tokens must not stay in the address bar, the history or a bookmark: drop the fragment before anything else.
    history.replaceState(history.state, '', location.pathname + location.search);
    void finishRedirect(fragment);
  } else {
    void check('load');
  }
  setInterval(() => void check('timer'), config.checkSessionSeconds * 1000);
  setInterval(() => page.tick(Date.now()), 1000);
}
