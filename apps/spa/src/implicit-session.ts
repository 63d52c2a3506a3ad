// The implicit flow's behaviour, as the guide has it: tokens from the URL fragment, checkSession on load
// and on a timer (single sign-on and single logout between tabs), nothing kept across a reload.

import type { TokenFetch } from './api.ts';
import { type AuthOutcome, UNSOLICITED } from './auth.ts';
import { readClaims } from './claims.ts';
import type { SpaConfig } from './config.ts';
import { type ImplicitAuth, isFragmentResponse } from './implicit-flow.ts';
import { takeRoundTrip } from './login/browser-state.ts';
import { checkOutcome, EXPLAIN, type FlowSession, type SessionHost, UNSOLICITED_TEXT } from './session-host.ts';
import { TENANT_UNREACHABLE, tenantAnswers, unreachableTenant } from './tenant-probe.ts';

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access']);

type CheckReason = 'load' | 'timer' | 'button' | 'after-ignored-response';

export interface ImplicitSessionOptions {
  host: SessionHost;
  auth: ImplicitAuth;
  logout: () => void;
  config: SpaConfig;
  location: Location;
  history: History;
}

export function createImplicitSession({
  host,
  auth,
  logout,
  config,
  location,
  history,
}: ImplicitSessionOptions): FlowSession {
  const { page } = host;
  let checking = false;
  const send: TokenFetch = (url, init) => {
    const headers = new Headers(init.headers);
    const token = host.current()?.accessToken;
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return fetch(url, { ...init, headers });
  };

  function sessionScopes(): string[] {
    // A check while signed in asks again for what the current token holds, so it never asks for consent
    // the user has not given; signed out, it asks for what the checkboxes say.
    const session = host.current();
    if (!session) return page.selectedScopes();
    return readClaims(session.accessToken).scope.filter((scope) => !OIDC_SCOPES.has(scope));
  }

  /**
   * The silent check, beside a quick look at whether the tenant answers at all: a stopped tenant would
   * otherwise keep the page on "Checking…" until the iframe times out, then say only "timeout".
   */
  async function silentCheck(): Promise<AuthOutcome> {
    const silent = auth.checkSession(sessionScopes());
    const down = tenantAnswers(config).then((up): AuthOutcome | Promise<AuthOutcome> =>
      up ? silent : { ok: false, failure: unreachableTenant(config) },
    );
    return Promise.race([silent, down]);
  }

  async function check(reason: CheckReason): Promise<void> {
    if (checking) return;
    checking = true;
    const wasSignedIn = host.current() !== undefined;
    if (!wasSignedIn && reason !== 'timer') page.showBusy('Checking your session with the tenant…');
    const outcome = await silentCheck();
    checking = false;
    if (outcome.ok || outcome.failure.error !== TENANT_UNREACHABLE) host.tenantAnswered();
    page.showCheck(new Date(), outcome.ok ? 'signed in' : checkOutcome(outcome.failure));
    if (outcome.ok) {
      host.signIn(outcome.session);
      if (!wasSignedIn && (reason === 'timer' || reason === 'button'))
        page.showMessage('info', 'Signed in through single sign-on: the tenant already had your session.');
      else if (reason === 'load' || reason === 'button') page.clearMessage();
      return;
    }
    const { failure } = outcome;
    if (wasSignedIn && failure.error === 'login_required') {
      host.signOut();
      page.showMessage('info', 'Signed out: your session at the tenant has ended (single logout).', failure);
      return;
    }
    if (wasSignedIn) {
      host.showFailure('The silent session check failed; you stay signed in until your token expires.', failure);
      return;
    }
    host.signOut();
    // Signed out, a timer check only matters when it finds a session (single sign-on); its failures stay on
    // the check line instead of replacing what the page already says (e.g. why the last sign-in failed).
    if (failure.error !== 'login_required' && reason !== 'timer') {
      host.showFailure(EXPLAIN[failure.error] ?? 'The silent session check failed.', failure);
    }
  }

  async function finishRedirect(fragment: string): Promise<void> {
    page.showBusy('Finishing sign-in…');
    const outcome = await auth.handleRedirect(fragment);
    if (outcome.ok) {
      host.signIn(outcome.session);
      page.clearMessage();
      return;
    }
    host.signOut();
    if (outcome.failure.error === UNSOLICITED) {
      // Nothing of it is shown: anyone can put a link with made-up error text in front of a user.
      page.showMessage('info', UNSOLICITED_TEXT);
      await check('after-ignored-response');
      return;
    }
    page.showMessage('error', EXPLAIN[outcome.failure.error] ?? 'Sign-in did not complete.', outcome.failure);
  }

  return {
    start() {
      const fragment = location.hash;
      const query = new URLSearchParams(location.search);
      const codeResponse = query.has('state') && (query.has('code') || query.has('error'));
      // Tokens must not stay in the address bar, the history or a bookmark: drop them before anything else.
      if (isFragmentResponse(fragment) || codeResponse) history.replaceState(history.state, '', location.pathname);
      if (isFragmentResponse(fragment)) {
        void finishRedirect(fragment);
      } else if (codeResponse) {
        // This tab did not start a code-flow sign-in in this flow: whatever the code is, it is not used.
        takeRoundTrip();
        host.signOut();
        page.showMessage('info', UNSOLICITED_TEXT);
        void check('after-ignored-response');
      } else {
        void check('load');
      }
    },
    check: (reason) => void check(reason),
    async login() {
      page.showBusy('Redirecting to the tenant…');
      // A stopped tenant would leave the user on the browser's own error page, far from any explanation.
      if (!(await tenantAnswers(config))) {
        host.signOut();
        host.showFailure('', unreachableTenant(config));
        return;
      }
      auth.login(page.selectedScopes());
    },
    logout() {
      host.forget();
      page.showBusy('Signing out at the tenant…');
      logout();
    },
    // The guide's flow renews only with checkSession, on its timer: a refused token waits for that.
    send,
  };
}
