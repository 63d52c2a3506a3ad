// What the login keeps in browser storage, and why none of it is a token. The code flow leaves the page for
// the tenant and comes back, so the PKCE verifier, `state` and `nonce` must outlive the page (in this tab only,
// removed as soon as the browser is back); and a "signed in here" hint tells a later page load that a
// prompt=none round trip can find a session, so that a first visit never leaves for the tenant.
import { base64url } from 'jose';

/** `login`: the user asked to log in. `restore`: a prompt=none round trip to find the tenant session. */
export type RoundTripMode = 'login' | 'restore';

export interface RoundTrip {
  mode: RoundTripMode;
  state: string;
  nonce: string;
  /** RFC 7636 code_verifier: 32 random bytes, base64url (43 characters). */
  verifier: string;
  /** The permissions asked for, to tell later why a service refused one. */
  requestedScopes: string[];
}

const TRIP_KEY = 'login.round-trip';

const randomValue = (bytes: number) => base64url.encode(crypto.getRandomValues(new Uint8Array(bytes)));

/** RFC 7636 S256: base64url(SHA-256(verifier)), by WebCrypto. */
export async function challengeFor(verifier: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** A fresh round trip, kept for this tab until the browser is back (it replaces any earlier one). */
export function beginRoundTrip(mode: RoundTripMode, requestedScopes: readonly string[]): RoundTrip {
  const [state, nonce, verifier] = [randomValue(16), randomValue(16), randomValue(32)];
  const trip = { mode, state, nonce, verifier, requestedScopes: [...requestedScopes] };
  sessionStorage.setItem(TRIP_KEY, JSON.stringify(trip));
  return trip;
}

/** The pending round trip, removed from storage: whatever happens next, it is never used twice. */
export function takeRoundTrip(): RoundTrip | undefined {
  const raw = sessionStorage.getItem(TRIP_KEY);
  sessionStorage.removeItem(TRIP_KEY);
  try {
    const t = JSON.parse(raw ?? 'null') as Partial<RoundTrip> | null;
    const strings = (values: unknown[]) => values.every((value) => typeof value === 'string');
    const valid = (t?.mode === 'login' || t?.mode === 'restore') && strings([t.state, t.nonce, t.verifier]);
    return valid && Array.isArray(t.requestedScopes) && strings(t.requestedScopes) ? (t as RoundTrip) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The hint, as Auth0's SPA SDK keeps its `auth0.<client>.is.authenticated` marker: it says only that this
 * browser signed in to this client before, never who or with what. Set at sign-in, removed at logout and
 * whenever the tenant answers that there is no session.
 */
export const signedInHint = {
  key: (clientId: string) => `login.signed-in.${clientId}`,
  isSet: (clientId: string) => localStorage.getItem(signedInHint.key(clientId)) === '1',
  set: (clientId: string) => localStorage.setItem(signedInHint.key(clientId), '1'),
  clear: (clientId: string) => localStorage.removeItem(signedInHint.key(clientId)),
};
