import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAsUser, isConsentPage, responseParameters, TenantBrowser } from '../src/login-client.ts';
import { tenant as sample } from '../tenant.config.ts';
import { authorizeUrl, BOB, CAROL, decodePayload, type LocalTenantUnderTest, startLocalTenant } from './helpers.ts';

let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  tenant = await startLocalTenant();
});
afterAll(() => tenant.stop());

describe('RBAC: scopes = requested ∩ the user’s roles’ permissions', () => {
  it('never gives bob read:calendar, and his consent page does not offer it', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const login = await browser.open(authorizeUrl(tenant.issuer, {}));
    const consent = await browser.logIn(login, BOB.email, BOB.password);
    expect(isConsentPage(consent)).toBe(true);
    expect(consent.html).toContain('Read your contacts');
    expect(consent.html).not.toContain('Read your calendar');
    const back = await browser.answerConsent(consent, true);
    const token = responseParameters(back.redirectedTo!).get('access_token')!;
    expect(decodePayload(token).scope).toBe('read:contacts');

    // Asking for read:calendar alone, silently, still yields no read:calendar (and no new consent prompt).
    const again = await browser.open(authorizeUrl(tenant.issuer, { scope: 'openid read:calendar', prompt: 'none' }));
    const params = responseParameters(again.redirectedTo!);
    expect(params.get('error')).toBeNull();
    expect(decodePayload(params.get('access_token')!).scope ?? '').not.toContain('read:calendar');
  });

  it('gives only the scopes requested, even when the roles allow more', async () => {
    const redirect = await authorizeAsUser(
      new TenantBrowser(tenant.issuer),
      authorizeUrl(tenant.issuer, { scope: 'openid read:calendar' }),
      { email: 'alice@example.com', password: 'alice-demo-pw' },
    );
    expect(decodePayload(responseParameters(redirect).get('access_token')!).scope).toBe('read:calendar');
  });
});

describe('the sample tenant’s read and write permissions', () => {
  const all = 'read:contacts write:contacts read:calendar write:calendar';

  it('gives carol (Organizer user) all four, and lists each with its description on her consent page', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const login = await browser.open(authorizeUrl(tenant.issuer, { scope: `openid ${all}` }));
    const consent = await browser.logIn(login, CAROL.email, CAROL.password);
    expect(isConsentPage(consent)).toBe(true);
    for (const text of [
      'Read your contacts',
      'Add and delete your contacts',
      'Read your calendar',
      'Add and delete your appointments',
    ]) {
      expect(consent.html).toContain(text);
    }
    const back = await browser.answerConsent(consent, true);
    expect(decodePayload(responseParameters(back.redirectedTo!).get('access_token')!).scope).toBe(all);
  });

  it('gives bob (Contacts reader) only read:contacts when he asks for all four', async () => {
    const redirect = await authorizeAsUser(
      new TenantBrowser(tenant.issuer),
      authorizeUrl(tenant.issuer, { scope: `openid ${all}` }),
      BOB,
    );
    expect(decodePayload(responseParameters(redirect).get('access_token')!).scope).toBe('read:contacts');
  });
});

describe('allowSkippingUserConsent', () => {
  it('skips the consent page for the tenant’s own app when the API allows it, still applying RBAC', async () => {
    const skipping = await startLocalTenant({ ...sample, api: { ...sample.api, allowSkippingUserConsent: true } });
    try {
      const browser = new TenantBrowser(skipping.issuer);
      const login = await browser.open(authorizeUrl(skipping.issuer, {}));
      const next = await browser.logIn(login, BOB.email, BOB.password);
      expect(isConsentPage(next)).toBe(false);
      const params = responseParameters(next.redirectedTo!);
      expect(decodePayload(params.get('access_token')!).scope).toBe('read:contacts');
      expect(decodePayload(params.get('id_token')!).email).toBe(BOB.email);
    } finally {
      await skipping.stop();
    }
  });
});
