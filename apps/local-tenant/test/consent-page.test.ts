import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAsUser, isConsentPage, type Page, responseParameters, TenantBrowser } from '../src/login-client.ts';
import {
  ALICE,
  authorizeUrl,
  BOB,
  CAROL,
  type LocalTenantUnderTest,
  SPA_CALLBACK,
  startLocalTenant,
} from './helpers.ts';

let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  tenant = await startLocalTenant();
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

describe('forgetting consent at /consent', () => {
  const origin = () => new URL(tenant.issuer).origin;
  const revoke = (browser: TenantBrowser, headers: Record<string, string>) =>
    fetch(new URL('consent/revoke', tenant.issuer), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...headers,
        cookie: browser.jar.headerFor(new URL('consent/revoke', tenant.issuer)) ?? '',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ client_id: 'organizer-spa' }),
    });

  it('lists what the user allowed and revokes it, so the next login asks again and can be declined', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const scope = 'openid profile read:contacts';
    await authorizeAsUser(browser, authorizeUrl(tenant.issuer, { scope }), BOB);
    // Remembered: another browser logs in without the consent page.
    const other = new TenantBrowser(tenant.issuer);
    const remembered = await other.logIn(
      await other.open(authorizeUrl(tenant.issuer, { scope })),
      BOB.email,
      BOB.password,
    );
    expect(remembered.redirectedTo).toBeDefined();

    const list = await browser.open(new URL('consent', tenant.issuer));
    expect(list.status).toBe(200);
    expect(list.html).toContain('<h2>Organizer SPA</h2>');
    expect(listed(list)).toEqual([
      ['Know who you are (your user ID)', 'openid'],
      ['Your name and nickname', 'profile'],
      ['Read your contacts', 'read:contacts'],
    ]);
    expect(list.html).toContain('>Revoke access</button>');

    const revoked = await browser.open(new URL('consent/revoke', tenant.issuer), {
      form: { client_id: 'organizer-spa' },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.html).toContain('Access revoked: Organizer SPA will ask for your consent at its next login.');
    expect(revoked.html).toContain('No application has your consent.');

    // The same session, and the other browser's session, are asked again; Decline then works.
    const again = await browser.open(authorizeUrl(tenant.issuer, { scope, state: 'after-revoke' }));
    expect(isConsentPage(again)).toBe(true);
    const declined = await browser.answerConsent(again, false);
    expect(responseParameters(declined.redirectedTo!).get('error')).toBe('access_denied');
    expect(responseParameters(declined.redirectedTo!).get('state')).toBe('after-revoke');
    const silent = await other.open(authorizeUrl(tenant.issuer, { scope, prompt: 'none' }));
    expect(responseParameters(silent.redirectedTo!).get('error')).toBe('consent_required');
    // And after a logout: a new login asks again too.
    const fresh = new TenantBrowser(tenant.issuer);
    const asked = await fresh.logIn(await fresh.open(authorizeUrl(tenant.issuer, { scope })), BOB.email, BOB.password);
    expect(isConsentPage(asked)).toBe(true);
  });

  it('revokes the codes issued under the consent', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = await authorizeAsUser(
      browser,
      authorizeUrl(tenant.issuer, { response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' }),
      ALICE,
    );
    expect((await revoke(browser, { origin: origin() })).status).toBe(200);
    const exchange = await fetch(new URL('oauth/token', tenant.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'organizer-spa',
        code: redirect.searchParams.get('code')!,
        redirect_uri: SPA_CALLBACK,
        code_verifier: verifier,
      }),
    });
    expect(exchange.status).toBe(400);
    expect(await exchange.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a revocation posted by another page, and keeps the consent', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    await authorizeAsUser(browser, authorizeUrl(tenant.issuer, {}), CAROL);
    const foreign = await revoke(browser, { origin: 'http://localhost:3000' });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('<h1>This form came from another page</h1>');
    const silent = await browser.open(authorizeUrl(tenant.issuer, { prompt: 'none' }));
    expect(responseParameters(silent.redirectedTo!).get('access_token')).toBeTruthy();
  });

  it('says how to sign in when there is no tenant session', async () => {
    const page = await new TenantBrowser(tenant.issuer).open(new URL('consent', tenant.issuer));
    expect(page.status).toBe(200);
    expect(page.html).toContain('You are not signed in at the Organizer local tenant.');
    const browser = new TenantBrowser(tenant.issuer);
    expect((await revoke(browser, { origin: origin() })).status).toBe(403);
  });
});
