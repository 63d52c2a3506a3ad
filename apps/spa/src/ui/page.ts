import type { ApiRequest, ApiResult } from '../api.ts';
import type { WrongOrigin } from '../app-origin.ts';
import type { AuthFailure, Session } from '../auth.ts';
import { type TokenClaims, timeLeft } from '../claims.ts';
import type { ConfigError, SpaConfig } from '../config.ts';
import { FLOWS, type FlowKind, parseFlow } from '../flow-choice.ts';
import { createDataView } from './data-view.ts';
import { byId, h } from './dom.ts';
import { renderPending, renderResult } from './result-view.ts';
import { formatClock, renderIdentity } from './session-view.ts';

export type ApiName = 'contacts' | 'calendar';

export interface PageHandlers {
  login(): void;
  logout(): void;
  checkSession(): void;
  /** A GET without `request`; the data view's adds and deletes with one. */
  call(api: ApiName, request?: ApiRequest): void;
  chooseFlow(flow: FlowKind): void;
}

/** The page's elements and the only code that changes them. */
export function createPage() {
  const el = {
    configError: byId('config-error'),
    status: byId('session-status'),
    message: byId('auth-message'),
    flow: byId<HTMLFieldSetElement>('flow'),
    activeFlow: byId('active-flow'),
    scopes: byId<HTMLFieldSetElement>('scopes'),
    login: byId<HTMLButtonElement>('login'),
    logout: byId<HTMLButtonElement>('logout'),
    check: byId<HTMLButtonElement>('check-session'),
    checkLine: byId('session-check'),
    identity: byId('identity'),
    user: byId<HTMLDListElement>('user'),
    claims: byId<HTMLDListElement>('claims'),
    contacts: byId<HTMLButtonElement>('call-contacts'),
    calendar: byId<HTMLButtonElement>('call-calendar'),
    result: byId('api-result'),
    about: byId('about'),
  };
  let exp: number | undefined;
  let onWrite: PageHandlers['call'] = () => {};
  const data = createDataView((api, request) => onWrite(api, request));
  const disableAll = () => {
    for (const button of [el.login, el.logout, el.check, el.contacts, el.calendar]) button.disabled = true;
    el.flow.disabled = true;
  };
  /** While the page waits for the tenant, a click on these would be lost or mean nothing. */
  const setWaiting = (waiting: boolean) => {
    for (const button of [el.login, el.check, el.contacts, el.calendar]) button.disabled = waiting;
    el.flow.disabled = waiting;
  };
  const flowRadios = () => [...el.flow.querySelectorAll<HTMLInputElement>('input[name="flow"]')];

  return {
    bind(handlers: PageHandlers): void {
      el.login.addEventListener('click', () => handlers.login());
      el.logout.addEventListener('click', () => handlers.logout());
      el.check.addEventListener('click', () => handlers.checkSession());
      el.contacts.addEventListener('click', () => handlers.call('contacts'));
      el.calendar.addEventListener('click', () => handlers.call('calendar'));
      onWrite = handlers.call;
      for (const radio of flowRadios()) {
        radio.addEventListener('change', () => {
          const flow = parseFlow(radio.value);
          if (radio.checked && flow) handlers.chooseFlow(flow);
        });
      }
    },

    /** Checks the active flow's radio and says in one line what that flow does. */
    showFlow(flow: FlowKind): void {
      for (const radio of flowRadios()) radio.checked = radio.value === flow;
      el.activeFlow.replaceChildren(h('strong', {}, `Active flow: ${FLOWS[flow].name}`), ` — ${FLOWS[flow].summary}`);
    },

    selectedScopes(): string[] {
      return [...el.scopes.querySelectorAll<HTMLInputElement>('input[name="scope"]:checked')].map((box) => box.value);
    },

    showConfig(config: SpaConfig): void {
      const tenant = config.tenant.local ? `${config.tenant.domain} (local tenant)` : config.tenant.domain;
      const minutes =
        config.checkSessionSeconds % 60 === 0
          ? `${config.checkSessionSeconds / 60} min`
          : `${config.checkSessionSeconds} s`;
      el.about.textContent = `Tenant ${tenant} · client ${config.clientId} · audience ${config.audience} · session checked (or renewed) every ${minutes}`;
    },

    /** A bad setting: say which and how to fix it, and leave nothing clickable that cannot work. */
    showConfigError(error: ConfigError): void {
      el.configError.replaceChildren(
        h('h2', {}, 'The SPA is not configured correctly'),
        h('p', {}, h('strong', {}, error.variable), ` ${error.problem}.`),
        h(
          'p',
          {},
          error.fix,
          ' Edit the root ',
          h('code', {}, '.env'),
          ' and restart ',
          h('code', {}, 'pnpm dev'),
          '.',
        ),
      );
      el.configError.hidden = false;
      el.status.textContent = 'Not available until the configuration is fixed.';
      disableAll();
    },

    /** Opened at another origin than the SPA's: nothing here can work, so say where to go instead. */
    showWrongOrigin(wrong: WrongOrigin, expectedOrigin: string): void {
      el.configError.replaceChildren(
        h('h2', {}, 'Open ', h('a', { href: wrong.openInstead }, expectedOrigin), ' instead'),
        h(
          'p',
          {},
          `This page is open at ${wrong.actual}, but the SPA works only at ${expectedOrigin}: the tenant sends you back `,
          'there after signing in, and the services accept calls only from there.',
        ),
      );
      el.configError.hidden = false;
      el.status.textContent = `Not available at ${wrong.actual}.`;
      disableAll();
    },

    /** Waiting for the tenant (or leaving for it): says what for, and takes the buttons away until it ends. */
    showBusy(text: string): void {
      el.status.textContent = text;
      setWaiting(true);
    },

    showSignedOut(): void {
      exp = undefined;
      el.status.textContent = 'Not signed in.';
      setWaiting(false);
      el.login.hidden = false;
      el.logout.hidden = true;
      el.scopes.hidden = false;
      el.identity.hidden = true;
      data.clear();
    },

    showSignedIn(session: Session, claims: TokenClaims, nowMs: number): void {
      exp = claims.exp;
      el.status.textContent = `Signed in as ${session.user.name ?? session.user.email ?? session.user.sub}.`;
      setWaiting(false);
      el.login.hidden = true;
      el.logout.hidden = false;
      el.scopes.hidden = true;
      renderIdentity(el.user, el.claims, session, claims, nowMs);
      el.identity.hidden = false;
    },

    /** Updates "time left" without re-rendering anything a screen reader is following. */
    tick(nowMs: number): void {
      const target = document.getElementById('time-left');
      if (exp !== undefined && target) target.textContent = timeLeft(exp, nowMs);
    },

    /** `title` may name commands between backticks; they show as code. */
    showMessage(kind: 'error' | 'info', title: string, failure?: AuthFailure): void {
      el.message.className = `notice ${kind}`;
      const parts = title.split('`').map((part, index) => (index % 2 === 1 ? h('code', {}, part) : part));
      el.message.replaceChildren(
        h('p', {}, h('strong', {}, ...parts)),
        failure ? h('p', {}, h('code', {}, failure.error), failure.description ? `: ${failure.description}` : '') : '',
      );
      el.message.hidden = false;
    },

    clearMessage(): void {
      el.message.hidden = true;
      el.message.replaceChildren();
    },

    /** The line under the buttons: the latest silent session check (or, in the code flow, renewal) and how it went. */
    showCheck(at: Date, outcome: string, what: 'silent session check' | 'renewal' = 'silent session check'): void {
      el.checkLine.textContent = `Last ${what} at ${formatClock(at)}: ${outcome}`;
    },

    showPending(api: string): void {
      renderPending(el.result, api);
    },

    showResult(result: ApiResult): void {
      renderResult(el.result, result);
      data.show(result);
    },

    /** A list loaded by the page itself (after a sign-in): the lists only, not the latest result a user clicked for. */
    showList(result: ApiResult): void {
      data.show(result);
    },
  };
}

export type Page = ReturnType<typeof createPage>;
