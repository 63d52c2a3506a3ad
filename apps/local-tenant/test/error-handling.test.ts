import { findRepoRoot } from '@organizer/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConsentPage, TenantBrowser } from '../src/login-client.ts';
import { ALICE, authorizeUrl, type LocalTenantUnderTest, startLocalTenant } from './helpers.ts';

let tenant: LocalTenantUnderTest;
const logged: string[] = [];
beforeAll(async () => {
  tenant = await startLocalTenant(undefined, { logError: (message) => logged.push(message) });
});
afterAll(() => tenant.stop());

const BIG = 'x'.repeat(200_000);

/** What no answer may show: stack frames, file paths, library names, the parsers' raw messages. */
function expectNoInternals(text: string): void {
  expect(text).not.toContain(findRepoRoot());
  expect(text).not.toMatch(/node_modules|\bat \S+ \(|\.js:\d+|\.ts:\d+/);
  expect(text).not.toMatch(
    /raw-body|body-parser|oidc-provider|express|koa|PayloadTooLarge|entity too large|Failed to decode|URIError|unexpected end of file/i,
  );
}

async function tokenRequest(
  body: string,
  headers: Record<string, string>,
): Promise<{ response: Response; text: string }> {
  const response = await fetch(new URL('oauth/token', tenant.issuer), { method: 'POST', headers, body });
  return { response, text: await response.text() };
}

function expectPage(response: Response, text: string, status: number, heading: string): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('text/html');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(text).toContain(`<h1>${heading}</h1>`);
  expectNoInternals(text);
}

describe('error answers never show internals', () => {
  it('answers a 200 KB form or JSON body at /oauth/token with 413 and an OAuth error in JSON', async () => {
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', `grant_type=client_credentials&filler=${BIG}`],
      ['application/json', JSON.stringify({ filler: BIG })],
    ] as const) {
      const { response, text } = await tokenRequest(body, { 'content-type': type });
      expect(response.status, type).toBe(413);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(response.headers.get('cache-control')).toContain('no-store');
      expect(JSON.parse(text)).toEqual({ error: 'invalid_request', error_description: 'The request is too large.' });
      expectNoInternals(text);
    }
  });

  it('answers a body that cannot be decoded at /oauth/token with 400 in JSON', async () => {
    const { response, text } = await tokenRequest('not brotli', {
      'content-type': 'application/x-www-form-urlencoded',
      'content-encoding': 'br',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({ error: 'invalid_request', error_description: 'The request is malformed.' });
    expectNoInternals(text);
  });

  it('answers a malformed path with a 400 page', async () => {
    for (const path of ['interaction/%ZZ', 'interaction/%ZZ/login']) {
      const method = path.endsWith('login') ? 'POST' : 'GET';
      const response = await fetch(new URL(path, tenant.issuer), { method, redirect: 'manual' });
      expectPage(response, await response.text(), 400, 'Bad request');
    }
    const authorize = await fetch(new URL('authorize/%ZZ', tenant.issuer), { redirect: 'manual' });
    const text = await authorize.text();
    expect(authorize.status).toBe(400);
    expectNoInternals(text);
  });

  it('answers an oversized login or consent form with a 413 page', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const login = await browser.open(authorizeUrl(tenant.issuer, {}));
    const loginPath = new URL(`${login.url.pathname}/login`, login.url);
    const tooBig = await browser.open(loginPath, { form: { email: BIG.slice(0, 20_000), password: 'whatever-pw' } });
    expect(tooBig.status).toBe(413);
    expect(tooBig.html).toContain('<h1>Request too large</h1>');
    expectNoInternals(tooBig.html);

    const consent = await browser.logIn(login, ALICE.email, ALICE.password);
    expect(isConsentPage(consent)).toBe(true);
    const confirm = await browser.open(new URL(`${consent.url.pathname}/confirm`, consent.url), {
      form: { filler: BIG.slice(0, 20_000) },
    });
    expect(confirm.status).toBe(413);
    expect(confirm.html).toContain('<h1>Request too large</h1>');
    expectNoInternals(confirm.html);
  });

  it('shows an expired login request as such, without the reason oidc-provider gives', async () => {
    const response = await fetch(new URL('interaction/no-such-login', tenant.issuer));
    expectPage(response, await response.text(), 400, 'This login request has expired');
  });

  it('does not echo the request’s state or other input on oidc-provider’s error page', async () => {
    const marker = 'attacker-words-in-state';
    const response = await fetch(
      authorizeUrl(tenant.issuer, { redirect_uri: 'https://evil.example/', state: marker }),
      { redirect: 'manual' },
    );
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).toContain('invalid_redirect_uri');
    expect(text).not.toContain(marker);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expectNoInternals(text);
    expect(logged).toEqual([]);
  });
});
