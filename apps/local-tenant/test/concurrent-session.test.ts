// Two tabs share one tenant session: a silent check from one tab that overlaps the other's logout
// must neither break the logout nor bring the session back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAsUser, responseParameters, TenantBrowser } from '../src/login-client.ts';
import { ALICE, authorizeUrl, type LocalTenantUnderTest, startLocalTenant } from './helpers.ts';

let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  tenant = await startLocalTenant();
});
afterAll(() => tenant.stop());

const silentCheck = () =>
  authorizeUrl(tenant.issuer, { prompt: 'none', response_mode: 'web_message', redirect_uri: 'http://localhost:3000' });

describe('one session, several tabs', () => {
  it('a logout overlapped by silent checks from another tab still signs the session out', async () => {
    for (let round = 0; round < 5; round += 1) {
      const b = new TenantBrowser(tenant.issuer);
      await authorizeAsUser(b, authorizeUrl(tenant.issuer, {}), ALICE);
      const logout = new URL('v2/logout', tenant.issuer);
      logout.searchParams.set('returnTo', 'http://localhost:3000');
      logout.searchParams.set('client_id', 'organizer-spa');
      // The other tab's checks start together with the logout page and keep coming until its form is posted.
      const checks = Array.from({ length: 8 }, () => b.open(silentCheck()));
      const page = await b.open(logout);
      const action = /action="([^"]+)"/.exec(page.html)![1]!;
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.html)![1]!;
      const done = await b.open(new URL(action, tenant.issuer), { form: { xsrf, logout: 'yes' } });
      await Promise.all(checks);
      expect(done.status, `round ${round}: ${done.html.slice(0, 200)}`).toBe(303);
      expect(done.redirectedTo?.href).toBe('http://localhost:3000/');
      const after = await b.open(authorizeUrl(tenant.issuer, { prompt: 'none' }));
      expect(responseParameters(after.redirectedTo!).get('error')).toBe('login_required');
    }
  });
});
