import { type ApiRequest, callApi } from './api.ts';
import { readClaims } from './claims.ts';
import { createCodeSession } from './code-session.ts';
import type { SpaConfig } from './config.ts';
import { type FlowKind, readFlow, saveFlow, switchedFlow } from './flow-choice.ts';
import type { ImplicitAuth } from './implicit-flow.ts';
import { createImplicitSession } from './implicit-session.ts';
import { explainMissingScope } from './scope-hint.ts';
import { createSessionHost, type FlowSession } from './session-host.ts';
import type { ApiName, Page } from './ui/page.ts';

const API_LABELS: Record<ApiName, string> = { contacts: 'Contacts API', calendar: 'Calendar API' };

export interface AppOptions {
  config: SpaConfig;
  /** The implicit flow's auth0-js calls; the code flow is the copyable login (login/login.ts). */
  implicit: ImplicitAuth;
  /** Ends the tenant session and comes back (the implicit flow's logout; the code flow's is the login's). */
  logout: () => void;
  page: Page;
  /** window.location and window.history: an authorization response is read once and removed at once. */
  location: Location;
  history: History;
}

/** The list each service's read permission lets the page load as soon as someone signs in. */
const READ_SCOPE: Record<ApiName, string> = { contacts: 'read:contacts', calendar: 'read:calendar' };

/** The page's behaviour: the chosen flow's login, logout and renewals, and the API calls. */
export function startApp({ config, implicit, logout, page, location, history }: AppOptions): void {
  // After a sign-in or a reload the lists load by themselves (those the token may read), without touching
  // the "latest API result" panel, which shows what the user clicked.
  const host = createSessionHost(page, (signedIn) => {
    const granted = readClaims(signedIn.accessToken).scope;
    for (const api of ['contacts', 'calendar'] as const)
      if (granted.includes(READ_SCOPE[api])) void call(api, { api, method: 'GET' }, 'quietly');
  });
  const flow: FlowKind = readFlow();
  const switched = switchedFlow();
  const common = { host, config, location, history };
  const session: FlowSession =
    flow === 'code'
      ? createCodeSession({ ...common, switched })
      : createImplicitSession({ ...common, auth: implicit, logout });

  async function call(
    api: ApiName,
    request: ApiRequest = { api, method: 'GET' },
    how: 'shown' | 'quietly' = 'shown',
  ): Promise<void> {
    if (how === 'shown') page.showPending(API_LABELS[api]);
    const result = await callApi(
      API_LABELS[api],
      config.apis[api],
      request,
      session.send,
      host.current() !== undefined,
    );
    if (how === 'quietly') return page.showList(result);
    const current = host.current();
    if (current && result.requiredScopes) {
      const hint = explainMissingScope(
        result.requiredScopes,
        current.requestedScopes,
        readClaims(current.accessToken).scope,
      );
      if (hint) result.hint = hint;
    }
    page.showResult(result);
  }

  page.showConfig(config);
  page.showFlow(flow);
  page.bind({
    login: () => session.login(),
    logout: () => session.logout(),
    checkSession: () => session.check('button'),
    call: (api, request) => void call(api, request),
    chooseFlow(next) {
      if (next === flow) return;
      // Each flow starts the way a page load does (its tokens are in memory only): restart in the new one.
      saveFlow(next);
      location.reload();
    },
  });

  void session.start();
  setInterval(() => session.check('timer'), config.checkSessionSeconds * 1000);
  setInterval(() => page.tick(Date.now()), 1000);
}
