import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConsentPage, TenantBrowser, type Page } from '../src/login-client.ts';
import { ALICE, authorizeUrl, CAROL, startTestTenant, type TestTenant } from './helpers.ts';

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.stop());

/** The consent page's list: [description, scope] per item, in order. */
function listed(page: Page): Array<[string, string]> {
  return [...page.html.matchAll(/<li>([^<]*) <code>([^<]*)<\/code><\/li>/g)].map((m) => [m[1]!, m[2]!]);
}

async function consentPageFor(credentials: { email: string; password: string }, scope: string): Promise<Page> {
  const browser = new TenantBrowser(tenant.issuer);
  const login = await browser.open(authorizeUrl(tenant.issuer, { scope }));
  const consent = await browser.logIn(login, credentials.email, credentials.password);
  expect(isConsentPage(consent)).toBe(true);
  return consent;
}

describe('the consent page lists exactly what was requested', () => {
  it('shows the SPA’s `openid profile` and its permissions, and no email it did not ask for', async () => {
    const page = await consentPageFor(ALICE, 'openid profile read:contacts read:calendar');
    expect(listed(page)).toEqual([
      ['Know who you are (your user ID)', 'openid'],
      ['Your name and nickname', 'profile'],
      ['Read your contacts', 'read:contacts'],
      ['Read your calendar', 'read:calendar'],
    ]);
  });

  it('shows email and write permissions when they are asked for', async () => {
    const page = await consentPageFor(CAROL, 'openid email write:contacts');
    expect(listed(page)).toEqual([
      ['Know who you are (your user ID)', 'openid'],
      ['Your email address', 'email'],
      ['Add and delete your contacts', 'write:contacts'],
    ]);
  });
});
