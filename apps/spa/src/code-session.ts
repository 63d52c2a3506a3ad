// The code flow on the sample's page. The copyable login (login/login.ts) does all of it, used exactly as a
// copier's app uses it; this file only tells the page what happened, in the words the page shows.
import type { TokenFetch } from './api.ts';
import type { SpaConfig } from './config.ts';
import { isFragmentResponse } from './implicit-flow.ts';
import { createLogin, type LoginChange, type LoginFailure, TENANT_UNREACHABLE } from './login/login.ts';
import { checkOutcome, EXPLAIN, type FlowSession, type SessionHost, UNSOLICITED_TEXT } from './session-host.ts';
import { tenantAnswers, unreachableTenant } from './tenant-probe.ts';

/** Why the page asked for a renewal, for the check line; the login's own renewals say theirs. */
type AskedBecause = 'periodic check' | '"Check session"';

const RENEWED_BECAUSE = { expiry: 'before expiry', rejected: 'after a 401 invalid_token' } as const;

const ENDED =
  'Signed out: the tenant ended this sign-in (you logged out, here or in another tab, or a refresh token was used twice).';

export interface CodeSessionOptions {
  host: SessionHost;
  /** The user just switched to this flow: look for the tenant session even without the login's hint. */
  switched: boolean;
  config: SpaConfig;
  location: Location;
  history: History;
}

export function createCodeSession({ host, switched, config, location, history }: CodeSessionOptions): FlowSession {
  const { page } = host;
  const login = createLogin({
    domain: config.tenant.domain,
    clientId: config.clientId,
    audience: config.audience,
    scopes: page.selectedScopes(),
    redirectUri: config.spaOrigin,
  });
  let askedBecause: AskedBecause = '"Check session"';

  function failed(title: string, failure: LoginFailure): void {
    if (failure.error === TENANT_UNREACHABLE) host.showFailure('', unreachableTenant(config));
    else host.showFailure(title, failure);
  }

  async function renewalFailed(failure: LoginFailure): Promise<void> {
    page.showCheck(new Date(), checkOutcome(failure), 'renewal');
    if (failure.error === 'network_error' && !(await tenantAnswers(config)))
      host.showFailure('', unreachableTenant(config));
    else host.showFailure('The renewal failed; you stay signed in until your access token expires.', failure);
  }

  function signedOut(change: LoginChange & { type: 'signed-out' }): void {
    host.signOut();
    const { failure } = change;
    switch (change.why) {
      case 'first-visit':
        // Nothing to restore, so the tenant is not asked; but a developer should learn at once that it is down.
        return void tenantAnswers(config).then((up) => {
          if (up) return;
          const down = unreachableTenant(config);
          page.showCheck(new Date(), checkOutcome(down));
          host.showFailure('', down);
        });
      case 'unsolicited':
        // Nothing of it is shown: anyone can put a link with made-up error text in front of a user.
        return page.showMessage('info', UNSOLICITED_TEXT);
      case 'no-answer':
        return page.showCheck(new Date(), 'no answer came back from the tenant; click "Check session" or "Log in"');
      case 'ended':
        page.showCheck(new Date(), checkOutcome(failure ?? { error: 'invalid_grant', description: '' }), 'renewal');
        return page.showMessage('info', ENDED, failure);
      case 'restore':
        if (!failure) return;
        page.showCheck(new Date(), checkOutcome(failure));
        // No session at the tenant is the normal signed-out answer; anything else needs the user.
        if (failure.error !== 'login_required') failed(EXPLAIN[failure.error] ?? 'The silent sign-in failed.', failure);
        return;
      case 'login':
        if (failure?.error === TENANT_UNREACHABLE) return failed('', failure);
        return page.showMessage('error', EXPLAIN[failure?.error ?? ''] ?? 'Sign-in did not complete.', failure);
    }
  }

  login.onChange((change) => {
    switch (change.type) {
      case 'leaving':
        if (change.mode === 'logout') host.forget();
        return page.showBusy(
          {
            login: 'Redirecting to the tenant…',
            restore: 'Looking for your session at the tenant…',
            logout: 'Signing out at the tenant…',
          }[change.mode],
        );
      case 'finishing':
        return page.showBusy('Finishing sign-in…');
      case 'signed-in':
        host.signIn(change.session);
        page.clearMessage();
        if (change.mode === 'restore') page.showCheck(new Date(), 'signed in');
        return;
      case 'renewed': {
        const because = change.reason === 'asked' ? askedBecause : RENEWED_BECAUSE[change.reason];
        host.tenantAnswered();
        host.signIn(change.session);
        return page.showCheck(
          new Date(),
          `new access token from the refresh token, ${because} (${change.durationMs} ms)`,
          'renewal',
        );
      }
      case 'renewal-failed':
        return void renewalFailed(change.failure);
      case 'signed-out':
        return signedOut(change);
    }
  });

  const send: TokenFetch = (url, init) => login.fetchWithToken(url, init);

  return {
    async start() {
      // An implicit-flow answer is not this flow's: drop it from the address bar, use none of it.
      if (isFragmentResponse(location.hash)) {
        history.replaceState(history.state, '', location.pathname);
        host.signOut();
        page.showMessage('info', UNSOLICITED_TEXT);
        return;
      }
      if (!(await login.handleRedirect())) await login.restore({ force: switched, scopes: page.selectedScopes() });
    },
    check(reason) {
      askedBecause = reason === 'timer' ? 'periodic check' : '"Check session"';
      if (login.session()) void login.renew();
      // Signed out, only a navigation can reach the tenant session; the timer never navigates away.
      else if (reason === 'button') void login.restore({ force: true, scopes: page.selectedScopes() });
    },
    login: () => void login.login(page.selectedScopes()),
    logout: () => void login.logout(),
    send,
  };
}
