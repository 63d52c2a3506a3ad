import { type ApiRequest, callApi } from './api.ts';
import { isAuthResponse, UNSOLICITED, type Auth, type AuthOutcome, type Session } from './auth.ts';
import { readClaims } from './claims.ts';
import type { SpaConfig } from './config.ts';
import { explainMissingScope } from './scope-hint.ts';
import { TENANT_UNREACHABLE, tenantAnswers, unreachableTenant } from './tenant-probe.ts';
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

const UNSOLICITED_TEXT = 'A sign-in response arrived that this page did not ask for; it was ignored.';

/** A few words after the error code on the "Last silent session check" line. */
const CHECK_MEANING: Record<string, string> = {
  login_required: 'no session at the tenant',
  consent_required: 'consent needed',
  interaction_required: 'sign-in needed',
  timeout: 'no answer from the tenant',
  [TENANT_UNREACHABLE]: 'the tenant does not answer',
};

type CheckReason = 'load' | 'timer' | 'button' | 'after-ignored-response';

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
  // Set while the page says the tenant does not answer, so that the first answer takes the notice away.
  let tenantDownShown = false;

  function signIn(next: Session): void {
    // A renewal asks only for what the token already holds (sessionScopes); what the user asked for at
    // sign-in stays the request that the token's scopes are compared with.
    session = session ? { ...next, requestedScopes: session.requestedScopes } : next;
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

  /**
   * The silent check, beside a quick look at whether the tenant answers at all: a stopped tenant would
   * otherwise keep the page on "Checking…" until the iframe times out, then say only "timeout".
   */
  async function silentCheck(): Promise<AuthOutcome> {
    const silent = auth.checkSession(sessionScopes());
    const down = tenantAnswers(config).then((up): AuthOutcome | Promise<AuthOutcome> => (up ? silent : { ok: false, failure: unreachableTenant(config) }));
    return Promise.race([silent, down]);
  }

  function showFailure(title: string, failure: { error: string; description: string }): void {
    tenantDownShown = failure.error === TENANT_UNREACHABLE;
    if (tenantDownShown) page.showMessage('error', failure.description);
    else page.showMessage('error', title, failure);
  }

  async function check(reason: CheckReason): Promise<void> {
    if (checking) return;
    checking = true;
    const wasSignedIn = session !== undefined;
    if (!wasSignedIn && reason !== 'timer') page.showBusy('Checking your session with the tenant…');
    const outcome = await silentCheck();
    checking = false;
    if (tenantDownShown && (outcome.ok || outcome.failure.error !== TENANT_UNREACHABLE)) {
      tenantDownShown = false;
      page.clearMessage();
    }
    const meaning = outcome.ok ? undefined : CHECK_MEANING[outcome.failure.error];
    page.showCheck(new Date(), outcome.ok ? 'signed in' : `${outcome.failure.error}${meaning ? ` (${meaning})` : ''}`);
    if (outcome.ok) {
      signIn(outcome.session);
      if (!wasSignedIn && (reason === 'timer' || reason === 'button')) page.showMessage('info', 'Signed in through single sign-on: the tenant already had your session.');
      else if (reason === 'load' || reason === 'button') page.clearMessage();
      return;
    }
    const { failure } = outcome;
    if (wasSignedIn && failure.error === 'login_required') {
      signOut();
      page.showMessage('info', 'Signed out: your session at the tenant has ended (single logout).', failure);
      return;
    }
    if (wasSignedIn) {
      showFailure('The silent session check failed; you stay signed in until your token expires.', failure);
      return;
    }
    signOut();
    // Signed out, a timer check only matters when it finds a session (single sign-on); its failures stay on
    // the check line instead of replacing what the page already says (e.g. why the last sign-in failed).
    if (failure.error !== 'login_required' && reason !== 'timer') {
      showFailure(EXPLAIN[failure.error] ?? 'The silent session check failed.', failure);
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
    if (outcome.failure.error === UNSOLICITED) {
      // Nothing of it is shown: anyone can put a link with made-up error text in front of a user.
      page.showMessage('info', UNSOLICITED_TEXT);
      await check('after-ignored-response');
      return;
    }
    page.showMessage('error', EXPLAIN[outcome.failure.error] ?? 'Sign-in did not complete.', outcome.failure);
  }

  async function login(): Promise<void> {
    page.showBusy('Redirecting to the tenant…');
    // A stopped tenant would leave the user on the browser's own error page, far from any explanation.
    if (!(await tenantAnswers(config))) {
      signOut();
      showFailure('', unreachableTenant(config));
      return;
    }
    auth.login(page.selectedScopes());
  }

  async function call(api: ApiName, request: ApiRequest = { api, method: 'GET' }): Promise<void> {
    page.showPending(API_LABELS[api]);
    const result = await callApi(API_LABELS[api], config.apis[api], session?.accessToken, request);
    if (session && result.requiredScopes) {
      const hint = explainMissingScope(result.requiredScopes, session.requestedScopes, readClaims(session.accessToken).scope);
      if (hint) result.hint = hint;
    }
    page.showResult(result);
  }

  page.showConfig(config);
  page.bind({
    login: () => void login(),
    logout() {
      session = undefined;
      page.showBusy('Signing out at the tenant…');
      auth.logout();
    },
    checkSession: () => void check('button'),
    call: (api, request) => void call(api, request),
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
