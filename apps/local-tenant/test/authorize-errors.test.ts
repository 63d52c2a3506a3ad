import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoginPage, responseParameters, TenantBrowser } from '../src/login-client.ts';
import { LoginThrottle } from '../src/login-throttle.ts';
import { ALICE, authorizeUrl, type LocalTenantUnderTest, startLocalTenant } from './helpers.ts';

let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  // Two free attempts keep the throttle test short; the production default is five.
  tenant = await startLocalTenant(undefined, { throttle: new LoginThrottle({ freeAttemptsPerAccount: 2 }) });
});
afterAll(() => tenant.stop());

async function rawGet(url: URL): Promise<Response> {
  return fetch(url, { redirect: 'manual' });
}

describe('/authorize errors and the login page', () => {
  it('shows an error page and never redirects to an unregistered redirect_uri', async () => {
    const response = await rawGet(authorizeUrl(tenant.issuer, { redirect_uri: 'https://evil.example/steal' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('invalid_redirect_uri');
    expect(html).not.toContain('https://evil.example/steal"');
  });

  it('registers only what the SPA serves: its old callback.html is refused like any unregistered URL', async () => {
    const response = await rawGet(authorizeUrl(tenant.issuer, { redirect_uri: 'http://localhost:3000/callback.html' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('invalid_redirect_uri');
  });

  it('shows an error page for an unknown client', async () => {
    const response = await rawGet(authorizeUrl(tenant.issuer, { client_id: 'no-such-app' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('invalid_client');
  });

  it('redirects an unknown audience back to the app as an error, with no token', async () => {
    const response = await rawGet(authorizeUrl(tenant.issuer, { audience: 'not-an-api' }));
    expect(response.status).toBe(303);
    const params = responseParameters(new URL(response.headers.get('location')!));
    expect(params.get('error')).toBe('invalid_target');
    expect(params.get('access_token')).toBeNull();
  });

  it('answers prompt=none without a session with login_required', async () => {
    const response = await rawGet(authorizeUrl(tenant.issuer, { prompt: 'none' }));
    expect(responseParameters(new URL(response.headers.get('location')!)).get('error')).toBe('login_required');
  });

  it('gives one generic error for a wrong password and for an unknown user', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const login = await browser.open(authorizeUrl(tenant.issuer, {}));
    const wrongPassword = await browser.logIn(login, 'bob@example.com', 'not-his-password');
    expect(wrongPassword.status).toBe(401);
    expect(isLoginPage(wrongPassword)).toBe(true);
    const unknownUser = await browser.logIn(login, 'mallory@example.com', 'whatever-pw');
    expect(unknownUser.status).toBe(401);
    const message = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];
    expect(message(wrongPassword.html)).toBe('Wrong email or password.');
    expect(message(unknownUser.html)).toBe(message(wrongPassword.html));
  });

  it('throttles repeated failures for an account, even with the right password', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const login = await browser.open(authorizeUrl(tenant.issuer, {}));
    expect((await browser.logIn(login, ALICE.email, 'guess-1')).status).toBe(401);
    expect((await browser.logIn(login, ALICE.email, 'guess-2')).status).toBe(401);
    const locked = await browser.open(new URL(`${login.url.pathname}/login`, login.url), { form: { ...ALICE } });
    expect(locked.status).toBe(429);
    expect(locked.html).toContain('Too many failed attempts');
  });

  it('escapes what it renders', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const login = await browser.open(authorizeUrl(tenant.issuer, { login_hint: '"><script>alert(1)</script>' }));
    expect(login.html).not.toContain('<script>alert(1)</script>');
    expect(login.html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(login.html.includes('<script')).toBe(false);
  });

  it('forbids framing of the login page', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const login = await browser.open(authorizeUrl(tenant.issuer, {}));
    const response = await fetch(login.url, { headers: { cookie: browser.jar.headerFor(login.url) ?? '' } });
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
