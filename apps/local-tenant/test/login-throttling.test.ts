import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantBrowser } from '../src/login-client.ts';
import { ALICE, authorizeUrl, BOB, CAROL, type LocalTenantUnderTest, startLocalTenant } from './helpers.ts';

// The real tenant with its default throttle (5 failures per email and address, 20 per address).
let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  tenant = await startLocalTenant();
  // Linux routes all of 127.0.0.0/8 to the loopback interface, so 127.0.0.2 and .3 are other clients.
  expect(tenant.address).toBe('127.0.0.1');
});
afterAll(() => tenant.stop());

interface Answer {
  status: number;
  retryAfter: string | undefined;
  alert: string | undefined;
}

/** The login page of a new authorization request, with the cookie its form needs. */
async function loginForm(): Promise<{ url: URL; cookie: string }> {
  const browser = new TenantBrowser(tenant.issuer);
  const page = await browser.open(authorizeUrl(tenant.issuer, {}));
  const url = new URL(`${page.url.pathname}/login`, page.url);
  return { url, cookie: browser.jar.headerFor(url) ?? '' };
}

/** Submits the login form from the client address `from`, as a browser on that address would. */
function logInFrom(
  from: string,
  { url, cookie }: { url: URL; cookie: string },
  email: string,
  password: string,
): Promise<Answer> {
  const body = new URLSearchParams({ email, password }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: tenant.address,
        port: tenant.port,
        localAddress: from,
        method: 'POST',
        path: url.pathname,
        headers: {
          host: url.host,
          origin: url.origin,
          cookie,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let html = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (html += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            alert: /role="alert">([^<]*)</.exec(html)?.[1],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('login throttling over HTTP', () => {
  it('stops one password sprayed over 30 emails from one address, and only that address', async () => {
    const form = await loginForm();
    const answers: Answer[] = [];
    for (let i = 0; i < 30; i += 1)
      answers.push(await logInFrom('127.0.0.3', form, `user${i}@example.com`, 'Winter2026!'));

    expect(answers.slice(0, 20).map((a) => a.status)).toEqual(Array(20).fill(401));
    expect(answers.slice(20).map((a) => a.status)).toEqual(Array(10).fill(429));
    expect(new Set(answers.slice(0, 20).map((a) => a.alert))).toEqual(new Set(['Wrong email or password.']));
    expect(answers[20]!.alert).toMatch(/^Too many failed attempts\. Try again in \d+ seconds\.$/);
    expect(Number(answers[20]!.retryAfter)).toBeGreaterThan(0);

    // The address is locked even for a right password; another address is not.
    expect((await logInFrom('127.0.0.3', form, ALICE.email, ALICE.password)).status).toBe(429);
    expect((await logInFrom('127.0.0.1', await loginForm(), ALICE.email, ALICE.password)).status).toBe(303);
  });

  it('refuses parallel guesses like serial ones: 5 are checked, the rest and the right password get 429', async () => {
    const form = await loginForm();
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => logInFrom('127.0.0.4', form, CAROL.email, `parallel-${i}`)),
    );
    expect(guesses.filter((a) => a.status === 401)).toHaveLength(5);
    expect(guesses.filter((a) => a.status === 429)).toHaveLength(35);
    expect((await logInFrom('127.0.0.4', form, CAROL.email, CAROL.password)).status).toBe(429);
  });

  it('does not let failures from another address lock bob out', async () => {
    const form = await loginForm();
    const attacker: number[] = [];
    for (let i = 0; i < 8; i += 1) attacker.push((await logInFrom('127.0.0.2', form, BOB.email, `guess-${i}`)).status);
    expect(attacker).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);

    const bob = await logInFrom('127.0.0.1', await loginForm(), BOB.email, BOB.password);
    expect(bob.status).toBe(303);
  });
});
