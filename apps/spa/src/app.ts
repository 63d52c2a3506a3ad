import { type ApiRequest, type ApiResult, callApi } from './api.ts';
import { readClaims } from './claims.ts';
import type { CodeAuth } from './code-flow.ts';
import { createCodeSession } from './code-session.ts';
import type { SpaConfig } from './config.ts';
import { readFlow, saveFlow, type FlowKind } from './flow-choice.ts';
import type { ImplicitAuth } from './implicit-flow.ts';
import { createImplicitSession } from './implicit-session.ts';
import { explainMissingScope } from './scope-hint.ts';
import { createSessionHost, type FlowSession } from './session-host.ts';
import type { ApiName, Page } from './ui/page.ts';

const API_LABELS: Record<ApiName, string> = { contacts: 'Contacts API', calendar: 'Calendar API' };

export interface AppOptions {
  config: SpaConfig;
  /** Both sign-in flows (auth0-js); the tab's choice picks one at start-up. */
  flows: { code: CodeAuth; implicit: ImplicitAuth };
  /** Ends the tenant session and comes back (the same in both flows). */
  logout: () => void;
  page: Page;
  /** window.location and window.history: an authorization response is read once and removed at once. */
  location: Location;
  history: History;
}

/** The page's behaviour: the chosen flow's login, logout and renewals, and the API calls. */
export function startApp({ config, flows, logout, page, location, history }: AppOptions): void {
  const host = createSessionHost(page);
  const flow: FlowKind = readFlow();
  const common = { host, logout, config, location, history };
  const session: FlowSession =
    flow === 'code' ? createCodeSession({ ...common, auth: flows.code }) : createImplicitSession({ ...common, auth: flows.implicit });

  /**
   * Runs a call with the current access token. A 401 invalid_token (expired, or refused for another
   * reason the page cannot see) gets one renewal and one retry, when the flow can renew without leaving.
   */
  async function withToken(run: (accessToken: string | undefined) => Promise<ApiResult>): Promise<ApiResult> {
    const first = await run(host.current()?.accessToken);
    if (first.status !== 401 || first.error !== 'invalid_token' || !host.current()) return first;
    if (!(await session.renewAfterRejection())) return first;
    return run(host.current()?.accessToken);
  }

  async function call(api: ApiName, request: ApiRequest = { api, method: 'GET' }): Promise<void> {
    page.showPending(API_LABELS[api]);
    const result = await withToken((accessToken) => callApi(API_LABELS[api], config.apis[api], accessToken, request));
    const current = host.current();
    if (current && result.requiredScopes) {
      const hint = explainMissingScope(result.requiredScopes, current.requestedScopes, readClaims(current.accessToken).scope);
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

  session.start();
  setInterval(() => session.check('timer'), config.checkSessionSeconds * 1000);
  setInterval(() => page.tick(Date.now()), 1000);
}
