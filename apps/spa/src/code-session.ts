// The code flow's behaviour: a sign-in comes back as ?code&state, renewals use the refresh token (before
// expiry, on the timer, after a 401), and a page load finds the tenant session with a top-level
// prompt=none redirect, which works where third-party cookies are blocked (see docs/spa-and-flows.md).
import type { CodeAuth } from './code-flow.ts';
import { queryResponse } from './code-flow.ts';
import { takeTransaction } from './code-transaction.ts';
import type { SpaConfig } from './config.ts';
import { isFragmentResponse } from './implicit-flow.ts';
import { checkOutcome, EXPLAIN, UNSOLICITED_TEXT, type FlowSession, type SessionHost } from './session-host.ts';
import { tenantAnswers, unreachableTenant } from './tenant-probe.ts';
import { TokenRenewal } from './token-renewal.ts';

type RenewReason = 'expiry' | 'timer' | 'button' | 'rejected';

const RENEWED_BECAUSE: Record<RenewReason, string> = {
  expiry: 'before expiry',
  timer: 'periodic check',
  button: '"Check session"',
  rejected: 'after a 401 invalid_token',
};

const ENDED =
  'Signed out: the tenant ended this sign-in (you logged out, here or in another tab, or a refresh token was used twice).';

export interface CodeSessionOptions {
  host: SessionHost;
  auth: CodeAuth;
  logout: () => void;
  config: SpaConfig;
  location: Location;
  history: History;
}

export function createCodeSession({ host, auth, logout, config, location, history }: CodeSessionOptions): FlowSession {
  const { page } = host;
  const renewal = new TokenRenewal((refreshToken) => auth.refresh(refreshToken), () => void renew('expiry'));

  /** Leaves for the tenant with prompt=none, unless the tenant does not answer (no dead-end error page). */
  async function silentRedirect(): Promise<void> {
    page.showBusy('Looking for your session at the tenant…');
    if (!(await tenantAnswers(config))) {
      const failure = unreachableTenant(config);
      host.signOut();
      page.showCheck(new Date(), checkOutcome(failure));
      host.showFailure('', failure);
      return;
    }
    await auth.authorize('silent', page.selectedScopes());
  }

  async function finish(response: URLSearchParams): Promise<void> {
    page.showBusy('Finishing sign-in…');
    const outcome = await auth.finish(response);
    if (outcome.ok) {
      host.signIn(outcome.session);
      renewal.start(outcome.grant);
      page.clearMessage();
      if (outcome.mode === 'silent') page.showCheck(new Date(), 'signed in');
      return;
    }
    host.signOut();
    const { mode, failure } = outcome;
    if (mode === undefined) {
      // Nothing of it is shown: anyone can put a link with made-up error text in front of a user.
      page.showMessage('info', UNSOLICITED_TEXT);
      return;
    }
    if (mode === 'silent') {
      page.showCheck(new Date(), checkOutcome(failure));
      // No session at the tenant is the normal signed-out answer; anything else needs the user.
      if (failure.error !== 'login_required') host.showFailure(EXPLAIN[failure.error] ?? 'The silent sign-in failed.', failure);
      return;
    }
    page.showMessage('error', EXPLAIN[failure.error] ?? 'Sign-in did not complete.', failure);
  }

  async function renew(reason: RenewReason): Promise<boolean> {
    if (!host.current()) return false;
    const result = await renewal.renew();
    const session = host.current();
    if (!session) return false;
    if (result.ok) {
      host.tenantAnswered();
      host.signIn({ ...session, accessToken: result.accessToken });
      page.showCheck(new Date(), `new access token from the refresh token, ${RENEWED_BECAUSE[reason]} (${result.durationMs} ms)`, 'renewal');
      return true;
    }
    const { failure } = result;
    page.showCheck(new Date(), checkOutcome(failure), 'renewal');
    if (failure.error === 'invalid_grant') {
      host.signOut();
      page.showMessage('info', ENDED, failure);
    } else if (failure.error === 'network_error' && !(await tenantAnswers(config))) {
      host.showFailure('', unreachableTenant(config));
    } else if (failure.error !== 'stopped') {
      host.showFailure('The renewal failed; you stay signed in until your access token expires.', failure);
    }
    return false;
  }

  return {
    start() {
      const response = queryResponse(location.search);
      const fragmentResponse = isFragmentResponse(location.hash);
      // The code and state must not stay in the address bar, the history or a bookmark: drop them first.
      if (response || fragmentResponse) history.replaceState(history.state, '', location.pathname);
      if (response) {
        void finish(response);
        return;
      }
      // A transaction without a response: the tenant never sent this tab back (Back from its page, an error
      // page). A silent one is not tried again, or a tenant that never answers would keep the page bouncing.
      const stale = takeTransaction();
      if (fragmentResponse || stale?.mode === 'silent') {
        host.signOut();
        if (fragmentResponse) page.showMessage('info', UNSOLICITED_TEXT);
        else page.showCheck(new Date(), 'no answer came back from the tenant; click "Check session" or "Log in"');
        return;
      }
      void silentRedirect();
    },
    check(reason) {
      if (host.current()) void renew(reason);
      // Signed out, only a navigation can reach the tenant session; the timer never navigates away.
      else if (reason === 'button') void silentRedirect();
    },
    async login() {
      page.showBusy('Redirecting to the tenant…');
      if (!(await tenantAnswers(config))) {
        host.signOut();
        host.showFailure('', unreachableTenant(config));
        return;
      }
      await auth.authorize('login', page.selectedScopes());
    },
    logout() {
      renewal.stop();
      host.forget();
      page.showBusy('Signing out at the tenant…');
      // The tenant revokes this session's refresh tokens at logout: other tabs find out at their next renewal.
      logout();
    },
    renewAfterRejection: () => renew('rejected'),
  };
}
