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
 *
 * A token is stored the second time it is verified, not the first: a client that calls again (as the SPA
 * does, with every call) is served from the cache from its third call on, while tokens that are each used
 * once are never stored: they neither push reused tokens out nor keep memory busy until they are evicted.
 */
export class TokenCache {
  // A Map iterates in insertion order, so the first key is the token verified longest ago. A hit leaves the
  // order alone (a busy token dropped by eviction is simply verified again), so a hit writes nothing.
  private readonly entries = new Map<string, Entry>();
  // Tokens verified once and not stored, oldest first, by the end of their signature (see `sightingOf`).
  private readonly seenOnce = new Set<string>();

  private readonly options: TokenCacheOptions;

  constructor(options: TokenCacheOptions) {
    this.options = options;
  }

  /** Stored tokens (first sightings are not counted). */
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

  /** Offers a result the library has just verified: stored if its token was offered before. */
  offer(result: AuthResult, nowMs: number = Date.now()): void {
    const { exp } = result.payload;
    // The library has already refused a token without a numeric exp; this keeps the cache sound on its own.
    if (typeof exp !== 'number') return;
    const expiresAtMs = Math.min(exp * 1000, nowMs + this.options.maxAgeMs);
    if (expiresAtMs <= nowMs) return;
    const sighting = sightingOf(result.token);
    if (!this.seenOnce.delete(sighting)) {
      remember(this.seenOnce, sighting, this.options.maxEntries);
      return;
    }
    this.entries.delete(result.token);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(result.token, { result: freeze(result), expiresAtMs });
  }
}

/**
 * The last 12 characters of a token, its signature's: 72 bits tell tokens apart, and a string this short is
 * copied rather than kept as a view into the whole token. Two tokens that share them only make the second
 * one stored a verification early, and the cache itself is still keyed by the whole token.
 */
function sightingOf(token: string): string {
  return token.slice(-12);
}

function remember(seen: Set<string>, sighting: string, max: number): void {
  if (seen.size >= max) {
    const oldest = seen.values().next();
    if (oldest.done !== true) seen.delete(oldest.value);
  }
  seen.add(sighting);
}

/** A cached result is shared by many requests, so no handler may change it for the others. */
function freeze(result: AuthResult): AuthResult {
  Object.freeze(result.header);
  Object.freeze(result.payload);
  return Object.freeze(result);
}
