import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../src/login-throttle.ts';

describe('LoginThrottle', () => {
  function throttle() {
    let now = 1_000_000;
    const t = new LoginThrottle({ freeAttempts: 3, baseLockSeconds: 10, maxLockSeconds: 40, now: () => now });
    return { t, advance: (seconds: number) => (now += seconds * 1000) };
  }
  const key = ['email:alice@example.com'];

  it('allows the free attempts, then locks for a time that doubles up to the maximum', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 2; i += 1) t.recordFailure(key);
    expect(t.retryAfterSeconds(key)).toBe(0);
    t.recordFailure(key);
    expect(t.retryAfterSeconds(key)).toBe(10);
    advance(10);
    expect(t.retryAfterSeconds(key)).toBe(0);
    t.recordFailure(key);
    expect(t.retryAfterSeconds(key)).toBe(20);
    advance(20);
    t.recordFailure(key);
    expect(t.retryAfterSeconds(key)).toBe(40);
    advance(40);
    t.recordFailure(key);
    expect(t.retryAfterSeconds(key)).toBe(40);
  });

  it('keeps accounts apart and forgets an account after a successful login', () => {
    const { t } = throttle();
    for (let i = 0; i < 3; i += 1) t.recordFailure(key);
    expect(t.retryAfterSeconds(['email:bob@example.com'])).toBe(0);
    t.recordSuccess(key);
    expect(t.retryAfterSeconds(key)).toBe(0);
  });
});
