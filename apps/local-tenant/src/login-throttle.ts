/**
 * Slows down password guessing: after `freeAttempts` failures for the same email (or from the same
 * address), further attempts are refused for a lock-out that doubles with each failure, up to
 * `maxLockSeconds`. A success clears the email's record. Kept in memory, like everything here.
 */
export interface ThrottleOptions {
  freeAttempts: number;
  baseLockSeconds: number;
  maxLockSeconds: number;
  now?: () => number;
}

interface Record {
  failures: number;
  lockedUntil: number;
}

export class LoginThrottle {
  readonly #records = new Map<string, Record>();
  readonly #options: Required<ThrottleOptions>;

  constructor(options: ThrottleOptions = { freeAttempts: 5, baseLockSeconds: 30, maxLockSeconds: 900 }) {
    this.#options = { now: Date.now, ...options };
  }

  /** Seconds to wait before another attempt with these keys is accepted; 0 when allowed now. */
  retryAfterSeconds(keys: readonly string[]): number {
    const now = this.#options.now();
    const waits = keys.map((key) => Math.ceil(((this.#records.get(key)?.lockedUntil ?? 0) - now) / 1000));
    return Math.max(0, ...waits);
  }

  recordFailure(keys: readonly string[]): void {
    const { freeAttempts, baseLockSeconds, maxLockSeconds, now } = this.#options;
    for (const key of keys) {
      const record = this.#records.get(key) ?? { failures: 0, lockedUntil: 0 };
      record.failures += 1;
      const over = record.failures - freeAttempts;
      if (over >= 0) {
        const seconds = Math.min(maxLockSeconds, baseLockSeconds * 2 ** over);
        record.lockedUntil = now() + seconds * 1000;
      }
      this.#records.set(key, record);
    }
  }

  recordSuccess(keys: readonly string[]): void {
    for (const key of keys) this.#records.delete(key);
  }
}
