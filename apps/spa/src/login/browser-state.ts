// What the login keeps in browser storage, and why none of it is a token. The code flow leaves the page for
// the tenant and comes back, so the PKCE verifier, `state` and `nonce` must outlive the page (in this tab only,
// removed as soon as the browser is back); a "signed in here" hint tells a later page load that a
// prompt=none round trip can find a session, so that a first visit never leaves for the tenant; and the tab's
// DPoP key (RFC 9449) must outlive the round trip too, since the code and tokens are bound to it.
import { base64url, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

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
  /** Whether /authorize was sent this tab's DPoP key (`dpop_jkt`), so the code exchange needs its proof. */
  dpop?: boolean;
}

const TRIP_KEY = 'login.round-trip';

export const randomValue = (bytes: number) => base64url.encode(crypto.getRandomValues(new Uint8Array(bytes)));

/** base64url(SHA-256(text)), by WebCrypto: RFC 7636 S256 of a verifier, RFC 9449 `ath` of an access token. */
export async function challengeFor(text: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

/** A fresh round trip, kept for this tab until the browser is back (it replaces any earlier one). */
export function beginRoundTrip(mode: RoundTripMode, requestedScopes: readonly string[], dpop = false): RoundTrip {
  const [state, nonce, verifier] = [randomValue(16), randomValue(16), randomValue(32)];
  const trip = { mode, state, nonce, verifier, requestedScopes: [...requestedScopes], dpop };
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

/** A DPoP key: the private half for signing proofs (never readable by script), the public JWK and its thumbprint. */
export interface DpopKey {
  privateKey: CryptoKey;
  jwk: JWK;
  /** RFC 7638 thumbprint: `dpop_jkt` at /authorize, `cnf.jkt` in the tokens bound to this key. */
  jkt: string;
}

const KEY_ID = 'login.dpop-key';
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** One request on the IndexedDB store of key pairs; resolves once its transaction has committed. */
function keyStore<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('login.dpop', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('keys');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const transaction = open.result.transaction('keys', mode);
      const request = act(transaction.objectStore('keys'));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      open.result.close(); // once the transaction is done
    };
  });
}

/**
 * This tab's DPoP key pair, as auth0-spa-js keeps its own: IndexedDB stores the CryptoKey itself (a structured
 * clone, never an export), so the private key stays non-extractable; sessionStorage names it, so it belongs to
 * this tab and a reload finds it again. Removed at logout.
 */
export const dpopKey = {
  async get(): Promise<DpopKey> {
    const id = sessionStorage.getItem(KEY_ID);
    let pair = id ? ((await keyStore('readonly', (store) => store.get(id))) as CryptoKeyPair | undefined) : undefined;
    if (!pair) {
      const made = await generateKeyPair('ES256', { extractable: false });
      // Ids start with the time: a closed tab's key (sessionStorage is gone with it) goes after a week.
      const fresh = `${Date.now()}.${randomValue(9)}`;
      await keyStore('readwrite', (store) => {
        store.delete(IDBKeyRange.upperBound(String(Date.now() - WEEK_MS)));
        return store.put(made, fresh);
      });
      sessionStorage.setItem(KEY_ID, fresh);
      pair = made;
    }
    // Only the public members: what a proof's `jwk` header and the thumbprint are made of.
    const { kty, crv, x, y } = await exportJWK(pair.publicKey);
    const jwk: JWK = { kty, crv, x, y };
    return { privateKey: pair.privateKey, jwk, jkt: await calculateJwkThumbprint(jwk) };
  },
  async remove(): Promise<void> {
    const id = sessionStorage.getItem(KEY_ID);
    sessionStorage.removeItem(KEY_ID);
    if (id) await keyStore('readwrite', (store) => store.delete(id));
  },
};
