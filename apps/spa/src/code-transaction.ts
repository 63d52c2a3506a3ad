// One redirect round trip of the authorization code flow: the PKCE verifier, `state` and `nonce` made
// here before the page leaves for /authorize, and checked when the tenant sends the browser back.
import { base64url } from 'jose';

/** `login`: "Log in" was clicked. `silent`: a prompt=none redirect on load, to find the tenant session. */
export type CodeMode = 'login' | 'silent';

export interface CodeTransaction {
  mode: CodeMode;
  state: string;
  nonce: string;
  /** RFC 7636 code_verifier: 32 random bytes, base64url (43 characters). */
  verifier: string;
  /** The API permissions asked for, to tell later why a service refused one. */
  requestedScopes: string[];
}

/**
 * The verifier must outlive the page (the browser leaves for the tenant and comes back), and it is not a
 * token: alone it is worth nothing, and it is removed as soon as the browser is back (takeTransaction).
 * sessionStorage keeps it to this tab; the tokens themselves never go into any storage.
 */
const KEY = 'organizer.code-transaction';

function randomValue(bytes: number): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** RFC 7636 S256: base64url(SHA-256(verifier)), by WebCrypto. */
export async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url.encode(new Uint8Array(digest));
}

/** A fresh transaction, stored for the round trip (it replaces any earlier one of this tab). */
export function beginTransaction(mode: CodeMode, requestedScopes: readonly string[]): CodeTransaction {
  const transaction: CodeTransaction = {
    mode,
    state: randomValue(16),
    nonce: randomValue(16),
    verifier: randomValue(32),
    requestedScopes: [...requestedScopes],
  };
  sessionStorage.setItem(KEY, JSON.stringify(transaction));
  return transaction;
}

function isTransaction(value: unknown): value is CodeTransaction {
  const t = value as Partial<CodeTransaction> | null;
  return (
    typeof t === 'object' && t !== null &&
    (t.mode === 'login' || t.mode === 'silent') &&
    typeof t.state === 'string' && typeof t.nonce === 'string' && typeof t.verifier === 'string' &&
    Array.isArray(t.requestedScopes) && t.requestedScopes.every((scope) => typeof scope === 'string')
  );
}

/** The pending transaction, removed from storage: whatever happens next, it is never used twice. */
export function takeTransaction(): CodeTransaction | undefined {
  const raw = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  if (raw === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isTransaction(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
