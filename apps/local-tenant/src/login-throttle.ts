/**
 * Slows down password guessing the way Auth0's brute-force protection does: failures are counted per
 * (email, client address), so nobody can lock bob out from elsewhere, and per client address whatever
 * the email, so one password tried against many emails (spraying) is stopped too. Past the free
 * attempts, each failure locks that key for a time that doubles up to `maxLockSeconds`. A success
 * clears only its (email, address) record. Records are forgotten `forgetAfterSeconds` after their last
 * failure and the table never holds more than `maxRecords`. Kept in memory, like everything here.
 */
export interface ThrottleOptions {
  /** Failures allowed for one email from one address before lock-outs start. */
  freeAttemptsPerAccount: number;
  /** Failures allowed from one address, over all emails, before lock-outs start. */
  freeAttemptsPerAddress: number;
  baseLockSeconds: number;
  maxLockSeconds: number;
  forgetAfterSeconds: number;
  maxRecords: number;
  now?: () => number;
}

export interface LoginAttempt {
  email: string;
  /** The client's IP address, as the socket reports it. */
  address: string;
}

interface Record {
  failures: number;
  lockedUntil: number;
  forgetAt: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  freeAttemptsPerAccount: 5,
  freeAttemptsPerAddress: 20,
  baseLockSeconds: 30,
  maxLockSeconds: 900,
  forgetAfterSeconds: 3600,
  maxRecords: 10_000,
};

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export class LoginThrottle {
  // A Map keeps insertion order; every update re-inserts its key, so the oldest record is always first.
  readonly #records = new Map<string, Record>();
  readonly #options: Required<ThrottleOptions>;

  constructor(options: Partial<ThrottleOptions> = {}) {
    this.#options = { now: Date.now, ...DEFAULT_THROTTLE, ...options };
  }

  /** How many records are kept (for tests of the bound). */
  get size(): number {
    return this.#records.size;
  }

  #keys({ email, address }: LoginAttempt): [account: string, address: string] {
    const client = normaliseAddress(address);
    return [`account ${email.trim().toLowerCase()} ${client}`, `address ${client}`];
  }

  #live(key: string, now: number): Record | undefined {
    const record = this.#records.get(key);
    if (record && record.forgetAt <= now) this.#records.delete(key);
    return record && record.forgetAt > now ? record : undefined;
  }

  /** Seconds to wait before this attempt is accepted; 0 when allowed now. */
  retryAfterSeconds(attempt: LoginAttempt): number {
    const now = this.#options.now();
    const waits = this.#keys(attempt).map((key) => Math.ceil(((this.#live(key, now)?.lockedUntil ?? 0) - now) / 1000));
    return Math.max(0, ...waits);
  }

  /**
   * Admits an attempt and counts it as a failure at once, before its password is checked (which takes a
   * while): attempts sent in parallel then meet the count of those before them, as serial ones do. Returns
   * the seconds to wait when refused (nothing counted), else 0; `recordSuccess` gives a right one back.
   */
  begin(attempt: LoginAttempt): number {
    const wait = this.retryAfterSeconds(attempt);
    if (wait === 0) this.#recordFailure(attempt);
    return wait;
  }

  #recordFailure(attempt: LoginAttempt): void {
    const { freeAttemptsPerAccount, freeAttemptsPerAddress, baseLockSeconds, maxLockSeconds, forgetAfterSeconds, now } =
      this.#options;
    const time = now();
    const [accountKey, addressKey] = this.#keys(attempt);
    for (const [key, free] of [
      [accountKey, freeAttemptsPerAccount],
      [addressKey, freeAttemptsPerAddress],
    ] as const) {
      const record = this.#live(key, time) ?? { failures: 0, lockedUntil: 0, forgetAt: 0 };
      record.failures += 1;
      const over = record.failures - free;
      if (over >= 0) record.lockedUntil = time + Math.min(maxLockSeconds, baseLockSeconds * 2 ** over) * 1000;
      // Never forgotten while still locked.
      record.forgetAt = Math.max(record.lockedUntil, time + forgetAfterSeconds * 1000);
      this.#records.delete(key);
      this.#records.set(key, record);
    }
    this.#prune(time);
  }

  /** After `begin`: the account's record goes, and the address gets back the attempt `begin` counted. */
  recordSuccess(attempt: LoginAttempt): void {
    const [accountKey, addressKey] = this.#keys(attempt);
    this.#records.delete(accountKey);
    const address = this.#live(addressKey, this.#options.now());
    if (address === undefined) return;
    address.failures -= 1;
    // Below its free attempts, an address is not locked: the lock was this attempt's own.
    if (address.failures < this.#options.freeAttemptsPerAddress) address.lockedUntil = 0;
  }

  /** Drops forgotten records from the old end, then the oldest ones beyond the size bound. */
  #prune(now: number): void {
    for (const [key, record] of this.#records) {
      if (record.forgetAt > now && this.#records.size <= this.#options.maxRecords) break;
      this.#records.delete(key);
    }
  }
}
