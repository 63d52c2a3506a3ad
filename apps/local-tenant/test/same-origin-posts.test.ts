import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConsentPage, isLoginPage, type Page, responseParameters, TenantBrowser } from '../src/login-client.ts';
import { ALICE, authorizeUrl, type LocalTenantUnderTest, startLocalTenant } from './helpers.ts';

let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  tenant = await startLocalTenant();
});
afterAll(() => tenant.stop());

/** A form post to the tenant with exactly these origin headers (the cookies a browser would send). */
async function post(
  browser: TenantBrowser,
  page: Page,
  action: string,
  form: Record<string, string>,
  headers: Record<string, string>,
) {
  const url = new URL(`${page.url.pathname.replace(/\/login$/, '')}/${action}`, page.url);
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      ...headers,
      cookie: browser.jar.headerFor(url) ?? '',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form),
  });
  return { status: response.status, html: await response.text(), response };
}

describe('login and consent forms only from the tenant’s own pages', () => {
  const credentials = { email: ALICE.email, password: ALICE.password };

  it('refuses a login posted by a page on another localhost port, or without any origin, with a readable 403 page', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const login = await browser.open(authorizeUrl(tenant.issuer, {}));
    const refusals: Array<Record<string, string>> = [
      { origin: 'http://localhost:3001' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      {},
    ];
    for (const headers of refusals) {
      const answer = await post(browser, login, 'login', credentials, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.response.headers.get('content-type')).toContain('text/html');
      expect(answer.html).toContain('<h1>This form came from another page</h1>');
      expect(answer.html).toContain(new URL(tenant.issuer).origin);
    }
    // Nothing happened: the same login form still works from the tenant's own page.
    const own = await post(browser, login, 'login', credentials, { origin: new URL(tenant.issuer).origin });
    expect(own.status).toBe(303);
  });

  it('accepts a post without Origin when Sec-Fetch-Site says same-origin', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const login = await browser.open(authorizeUrl(tenant.issuer, {}));
    const answer = await post(
      browser,
      login,
      'login',
      { ...credentials, password: 'wrong-password' },
      { 'sec-fetch-site': 'same-origin' },
    );
    expect(answer.status).toBe(401);
    expect(isLoginPage({ ...login, html: answer.html })).toBe(true);
  });

  it('refuses Accept and Decline posted by another page, and the consent stays pending', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const login = await browser.open(authorizeUrl(tenant.issuer, { scope: 'openid read:contacts' }));
    const consent = await browser.logIn(login, 'bob@example.com', 'bob-demo-pw');
    expect(isConsentPage(consent)).toBe(true);
    for (const action of ['confirm', 'abort']) {
      const answer = await post(browser, consent, action, {}, { origin: 'http://localhost:5173' });
      expect(answer.status, action).toBe(403);
      expect(answer.html).toContain('<h1>This form came from another page</h1>');
    }
    const back = await browser.answerConsent(consent, true);
    expect(responseParameters(back.redirectedTo!).get('access_token')).toBeTruthy();
  });
});
