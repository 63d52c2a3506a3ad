import { describe, expect, it } from 'vitest';
import { LoginThrottle, type ThrottleOptions } from '../src/login-throttle.ts';

describe('LoginThrottle', () => {
  function throttle(options: Partial<ThrottleOptions> = {}) {
    let now = 1_000_000;
    const t = new LoginThrottle({
      freeAttemptsPerAccount: 3,
      freeAttemptsPerAddress: 6,
      baseLockSeconds: 10,
      maxLockSeconds: 40,
      forgetAfterSeconds: 60,
      now: () => now,
      ...options,
    });
    return { t, advance: (seconds: number) => (now += seconds * 1000) };
  }
  const alice = { email: 'alice@example.com', address: '127.0.0.1' };

  it('allows the free attempts, then locks for a time that doubles up to the maximum', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 2; i += 1) t.begin(alice);
    expect(t.retryAfterSeconds(alice)).toBe(0);
    t.begin(alice);
    expect(t.retryAfterSeconds(alice)).toBe(10);
    advance(10);
    expect(t.retryAfterSeconds(alice)).toBe(0);
    t.begin(alice);
    expect(t.retryAfterSeconds(alice)).toBe(20);
    advance(20);
    t.begin(alice);
    expect(t.retryAfterSeconds(alice)).toBe(40);
    advance(40);
    t.begin(alice);
    expect(t.retryAfterSeconds(alice)).toBe(40);
  });

  it('counts an email per address, so failures elsewhere do not lock the account here', () => {
    const { t } = throttle();
    for (let i = 0; i < 3; i += 1) t.begin({ ...alice, address: '192.0.2.7' });
    expect(t.retryAfterSeconds({ ...alice, address: '192.0.2.7' })).toBe(10);
    expect(t.retryAfterSeconds(alice)).toBe(0);
    expect(t.retryAfterSeconds({ ...alice, address: '::ffff:192.0.2.7' })).toBe(10);
  });

  it('locks an address that tries many emails, whatever the email', () => {
    const { t } = throttle();
    for (let i = 0; i < 6; i += 1) t.begin({ email: `user${i}@example.com`, address: '192.0.2.7' });
    expect(t.retryAfterSeconds({ email: 'someone-new@example.com', address: '192.0.2.7' })).toBe(10);
    expect(t.retryAfterSeconds({ email: 'someone-new@example.com', address: '192.0.2.8' })).toBe(0);
  });

  it('forgets the account after a success, but not the address', () => {
    const { t } = throttle();
    const here = { ...alice, address: '192.0.2.7' };
    for (let i = 0; i < 3; i += 1) t.begin({ email: `user${i}@example.com`, address: '192.0.2.7' });
    for (let i = 0; i < 2; i += 1) t.begin(here);
    // A right password: admitted (and counted) first, then given back.
    expect(t.begin(here)).toBe(0);
    t.recordSuccess(here);
    expect(t.retryAfterSeconds(here)).toBe(0);
    // The address still has its five failures: one more, whoever it is for, locks it.
    t.begin({ email: 'bob@example.com', address: '192.0.2.7' });
    expect(t.retryAfterSeconds({ email: 'carol@example.com', address: '192.0.2.7' })).toBe(10);
  });

  it('counts attempts in flight: parallel guesses meet the same limit as serial ones', () => {
    const { t } = throttle();
    // Ten guesses begun before any password check has finished.
    const waits = Array.from({ length: 10 }, () => t.begin(alice));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(3);
    expect(waits.slice(3).every((wait) => wait === 10)).toBe(true);
  });

  it('forgets records after their time and never keeps more than the bound', () => {
    const { t, advance } = throttle({ maxRecords: 50 });
    for (let i = 0; i < 3; i += 1) t.begin(alice);
    advance(61);
    expect(t.retryAfterSeconds(alice)).toBe(0);
    for (let i = 0; i < 200; i += 1) t.begin({ email: `user${i}@example.com`, address: `192.0.2.${i % 250}` });
    expect(t.size).toBeLessThanOrEqual(50);
    advance(61);
    t.begin(alice);
    expect(t.size).toBe(2);
  });
});
