import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAsUser, isConsentPage, isLoginPage, responseParameters, TenantBrowser } from '../src/login-client.ts';
import { ALICE, authorizeUrl, type LocalTenantUnderTest, SPA_CALLBACK, startLocalTenant } from './helpers.ts';

let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  tenant = await startLocalTenant();
});
afterAll(() => tenant.stop());

describe('implicit flow (auth0-js authorize and checkSession)', () => {
  const browser = () => new TenantBrowser(tenant.issuer);

  it('logs in, asks consent and returns RS256 JWTs in the fragment', async () => {
    const b = browser();
    const login = await b.open(authorizeUrl(tenant.issuer, {}));
    expect(login.status).toBe(200);
    expect(isLoginPage(login)).toBe(true);
    expect(login.html).toContain('<label for="email">Email</label>');
    expect(login.html).toContain('<label for="password">Password</label>');
    expect(login.html).toContain('<button type="submit">Continue</button>');

    const consent = await b.logIn(login, ALICE.email, ALICE.password);
    expect(isConsentPage(consent)).toBe(true);
    expect(consent.html).toContain('Read your contacts');
    expect(consent.html).toContain('Read your calendar');
    expect(consent.html).toContain('>Accept</button>');
    expect(consent.html).toContain('>Decline</button>');

    const back = await b.answerConsent(consent, true);
    expect(back.redirectedTo?.origin + back.redirectedTo!.pathname).toBe(new URL(SPA_CALLBACK).href);
    const params = responseParameters(back.redirectedTo!);
    expect(params.get('state')).toBe('test-state');
    expect(params.get('token_type')).toBe('Bearer');
    expect(params.get('expires_in')).toBe('86400');

    const jwks = createRemoteJWKSet(new URL('.well-known/jwks.json', tenant.issuer));
    const access = await jwtVerify(params.get('access_token')!, jwks, {
      issuer: tenant.issuer,
      audience: 'organize',
      algorithms: ['RS256'],
    });
    expect(access.protectedHeader.kid).toBe(tenant.activeKid);
    expect(access.payload).toMatchObject({
      aud: 'organize',
      iss: tenant.issuer,
      client_id: 'organizer-spa',
      scope: 'read:contacts read:calendar',
    });
    expect(access.payload.sub).toMatch(/^auth0\|[0-9a-f]{24}$/);
    expect(access.payload.exp! - access.payload.iat!).toBe(86400);

    const id = await jwtVerify(params.get('id_token')!, jwks, {
      issuer: tenant.issuer,
      audience: 'organizer-spa',
      algorithms: ['RS256'],
    });
    expect(id.payload).toMatchObject({
      email: ALICE.email,
      name: 'Alice Example',
      nonce: 'test-nonce',
      sub: access.payload.sub,
    });
    expect(typeof id.payload.at_hash).toBe('string');
  });

  it('signs in silently with prompt=none (checkSession, web_message) until /v2/logout', async () => {
    const b = browser();
    await authorizeAsUser(b, authorizeUrl(tenant.issuer, {}), ALICE);

    const silent = await b.open(
      authorizeUrl(tenant.issuer, {
        prompt: 'none',
        response_mode: 'web_message',
        redirect_uri: 'http://localhost:3000',
      }),
    );
    expect(silent.status).toBe(200);
    expect(silent.html).toContain("type: 'authorization_response'");
    expect(silent.html).toContain('"access_token":"ey');
    expect(silent.html).toContain('"redirect_uri":"http://localhost:3000"');

    const logout = new URL('v2/logout', tenant.issuer);
    logout.searchParams.set('returnTo', 'http://localhost:3000');
    logout.searchParams.set('client_id', 'organizer-spa');
    const page = await b.open(logout);
    // The page submits its logout form itself (Auth0 logs out without asking).
    expect(page.html).toContain('name="logout" value="yes"');
    // A hidden frame on another page must not be able to log the user out: the page refuses framing and
    // runs no script but its own.
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/]+=*'; frame-ancestors 'none'; base-uri 'none'$/,
    );
    const action = /action="([^"]+)"/.exec(page.html)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.html)![1]!;
    const done = await b.open(new URL(action, tenant.issuer), { form: { xsrf, logout: 'yes' } });
    expect(done.redirectedTo?.href).toBe('http://localhost:3000/');

    const after = await b.open(authorizeUrl(tenant.issuer, { prompt: 'none' }));
    expect(responseParameters(after.redirectedTo!).get('error')).toBe('login_required');

    // checkSession's signed-out answer: the error travels in the posted message and, as with Auth0,
    // the page itself is a 200 (a 400 would log a console error in the SPA on every signed-out load).
    const signedOut = await b.open(
      authorizeUrl(tenant.issuer, {
        prompt: 'none',
        response_mode: 'web_message',
        redirect_uri: 'http://localhost:3000',
      }),
    );
    expect(signedOut.status).toBe(200);
    expect(signedOut.html).toContain("type: 'authorization_response'");
    expect(signedOut.html).toContain('"error":"login_required"');
    expect(signedOut.html).not.toContain('access_token');
  });

  it('keeps its own error page (no message, status 400) for an unregistered redirect_uri with web_message', async () => {
    const page = await browser().open(
      authorizeUrl(tenant.issuer, {
        prompt: 'none',
        response_mode: 'web_message',
        redirect_uri: 'http://evil.example',
      }),
    );
    expect(page.status).toBe(400);
    expect(page.html).not.toContain("type: 'authorization_response'");
  });

  it('remembers consent per user and app across logins', async () => {
    await authorizeAsUser(browser(), authorizeUrl(tenant.issuer, {}), ALICE);
    const b = browser();
    const login = await b.open(authorizeUrl(tenant.issuer, {}));
    const next = await b.logIn(login, ALICE.email, ALICE.password);
    expect(isConsentPage(next)).toBe(false);
    expect(responseParameters(next.redirectedTo!).get('access_token')).toBeTruthy();
  });

  it('returns access_denied to the app when consent is declined', async () => {
    const b = browser();
    const login = await b.open(
      authorizeUrl(tenant.issuer, { scope: 'openid profile email read:contacts', state: 'declined' }),
    );
    const consent = await b.logIn(login, 'bob@example.com', 'bob-demo-pw');
    expect(isConsentPage(consent)).toBe(true);
    const back = await b.answerConsent(consent, false);
    const params = responseParameters(back.redirectedTo!);
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBe('declined');
    expect(params.get('access_token')).toBeNull();
  });
});
