import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAsUser, responseParameters, TenantBrowser } from '../src/login-client.ts';
import { tenant as sample } from '../tenant.config.ts';
import { ALICE, authorizeUrl, type LocalTenantUnderTest, startLocalTenant } from './helpers.ts';

// Without a default API, a login that names no audience gets what Auth0 gives then: an opaque
// access token that is good for /userinfo only.
let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  tenant = await startLocalTenant({ ...sample, defaultAudience: undefined });
});
afterAll(() => tenant.stop());

const userinfo = (token: string) =>
  fetch(new URL('userinfo', tenant.issuer), { headers: { authorization: `Bearer ${token}` } });

describe('/userinfo', () => {
  it('returns the profile for a token issued without an audience, and refuses API tokens', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    const withoutApi = await authorizeAsUser(
      browser,
      authorizeUrl(tenant.issuer, { audience: '', scope: 'openid profile email' }),
      ALICE,
    );
    const opaque = responseParameters(withoutApi).get('access_token')!;
    expect(opaque.split('.')).toHaveLength(1);
    const response = await userinfo(opaque);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ email: ALICE.email, email_verified: true, name: 'Alice Example' });

    const withApi = await browser.open(authorizeUrl(tenant.issuer, {}));
    const consentOrRedirect = withApi.redirectedTo ? withApi : await browser.answerConsent(withApi, true);
    const jwt = responseParameters(consentOrRedirect.redirectedTo!).get('access_token')!;
    expect(jwt.split('.')).toHaveLength(3);
    const refused = await userinfo(jwt);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
  });
});
