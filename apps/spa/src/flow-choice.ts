// Which sign-in flow this tab uses. The choice is not a secret and not a token; it has to survive the
// round trip to the tenant's login page, so it is kept in sessionStorage (this tab only).

export type FlowKind = 'code' | 'implicit';

export const DEFAULT_FLOW: FlowKind = 'code';

/** The radios' labels (index.html) and the page's one line about the active flow. */
export const FLOWS: Record<FlowKind, { name: string; summary: string }> = {
  code: {
    name: 'Authorization code + PKCE',
    summary:
      'the tenant sends back a one-time code, which this page exchanges at /oauth/token with its PKCE verifier; ' +
      'tokens are renewed with a rotating refresh token, without an iframe.',
  },
  implicit: {
    name: "Implicit (the guide's flow)",
    summary:
      'the tenant sends the tokens back in the URL fragment; they are renewed with checkSession, a hidden iframe ' +
      'that needs the tenant’s cookie (blocked when third-party cookies are).',
  },
};

const KEY = 'organizer.flow';

function isFlow(value: unknown): value is FlowKind {
  return value === 'code' || value === 'implicit';
}

export function readFlow(): FlowKind {
  const stored = sessionStorage.getItem(KEY);
  return isFlow(stored) ? stored : DEFAULT_FLOW;
}

const SWITCHED_KEY = 'organizer.flow-switched';

/** Saves the choice before the page restarts in it, noting the switch for that restart (switchedFlow). */
export function saveFlow(kind: FlowKind): void {
  sessionStorage.setItem(KEY, kind);
  sessionStorage.setItem(SWITCHED_KEY, '1');
}

/**
 * True once, on the load right after a switch: the new flow then looks for the tenant session even where a
 * plain page load would not (the code flow restores only where it signed in before), as the Flow note says.
 */
export function switchedFlow(): boolean {
  const switched = sessionStorage.getItem(SWITCHED_KEY) === '1';
  sessionStorage.removeItem(SWITCHED_KEY);
  return switched;
}

export function parseFlow(value: string): FlowKind | undefined {
  return isFlow(value) ? value : undefined;
}
