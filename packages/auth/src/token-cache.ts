import type { AuthResult } from 'express-oauth2-jwt-bearer';

export interface TokenCacheOptions {
  /** Most tokens kept; the one verified longest ago is dropped first. */
  readonly maxEntries: number;
  /** Longest time a verified token is trusted without verifying it again. */
  readonly maxAgeMs: number;
}

interface Entry {
  readonly result: AuthResult;
  readonly expiresAtMs: number;
}

/**
 * Verified tokens, keyed by the exact token string. An entry lives until the token's `exp` or `maxAgeMs`
 * after verification, whichever comes first, and that deadline is checked on every hit. Only successes are
 * stored. The trade-off: a key removed from the JWKS keeps its already-verified tokens working for at most
 * `maxAgeMs`. Scopes are not part of an entry's meaning: routes check them on every request.
 */
export class TokenCache {
  // A Map iterates in insertion order, so the first key is the token verified longest ago. A hit leaves the
  // order alone: moving the entry (delete + set) on every hit cost about 3 µs of a ~150 µs request, and a
  // busy token dropped by eviction is simply verified again.
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: TokenCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string, nowMs: number = Date.now()): AuthResult | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.result;
  }

  set(result: AuthResult, nowMs: number = Date.now()): void {
    const { exp } = result.payload;
    // The library has already refused a token without a numeric exp; this keeps the cache sound on its own.
    if (typeof exp !== 'number') return;
    const expiresAtMs = Math.min(exp * 1000, nowMs + this.options.maxAgeMs);
    if (expiresAtMs <= nowMs) return;
    this.entries.delete(result.token);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(result.token, { result: freeze(result), expiresAtMs });
  }
}

/** A cached result is shared by many requests, so no handler may change it for the others. */
function freeze(result: AuthResult): AuthResult {
  Object.freeze(result.header);
  Object.freeze(result.payload);
  return Object.freeze(result);
}
