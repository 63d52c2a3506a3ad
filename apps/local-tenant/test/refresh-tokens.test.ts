// Refresh tokens for the SPA's code flow: issued on the code exchange (also of a silent prompt=none
// login), rotated on every use, a reused one revokes the whole login, and logout ends them all.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAsUser, responseParameters, TenantBrowser } from '../src/login-client.ts';
import {
  ALICE,
  authorizeUrl,
  clientCredentials,
  DEV_SECRET,
  decodePayload,
  type LocalTenantUnderTest,
  SPA_CALLBACK,
  startLocalTenant,
} from './helpers.ts';

const SPA_ORIGIN = 'http://localhost:3000';
const SCOPE = 'openid profile offline_access read:contacts read:calendar';

let tenant: LocalTenantUnderTest;
beforeAll(async () => {
  tenant = await startLocalTenant(undefined, { env: { LOCAL_TENANT_ACCESS_TOKEN_SECONDS: '30' } });
});
afterAll(() => tenant.stop());

interface TokenAnswer {
  status: number;
  allowOrigin: string | null;
  body: Record<string, unknown>;
}

/** A token request as auth0-js sends it from the SPA: JSON, with the page's Origin. */
async function tokenRequest(body: Record<string, string>, origin = SPA_ORIGIN): Promise<TokenAnswer> {
  const response = await fetch(new URL('oauth/token', tenant.issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ client_id: 'organizer-spa', ...body }),
  });
  return {
    status: response.status,
    allowOrigin: response.headers.get('access-control-allow-origin'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** Through /authorize (login and consent when `b` has no session yet, or prompt=none) to the code exchange. */
async function codeLogin(b: TenantBrowser, extra: Record<string, string> = {}): Promise<TokenAnswer> {
  const verifier = randomBytes(32).toString('base64url');
  const url = authorizeUrl(tenant.issuer, {
    response_type: 'code',
    scope: SCOPE,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  });
  const redirect = extra.prompt === 'none' ? (await b.open(url)).redirectedTo! : await authorizeAsUser(b, url, ALICE);
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code: ${redirect.search}`);
  return tokenRequest({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: SPA_CALLBACK });
}

function refresh(refreshToken: unknown): Promise<TokenAnswer> {
  return tokenRequest({ grant_type: 'refresh_token', refresh_token: String(refreshToken) });
}

async function logOut(b: TenantBrowser): Promise<void> {
  const logout = new URL('v2/logout', tenant.issuer);
  logout.searchParams.set('returnTo', SPA_ORIGIN);
  logout.searchParams.set('client_id', 'organizer-spa');
  const page = await b.open(logout);
  const action = /action="([^"]+)"/.exec(page.html)![1]!;
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.html)![1]!;
  const done = await b.open(new URL(action, tenant.issuer), { form: { xsrf, logout: 'yes' } });
  expect(done.redirectedTo?.href).toBe(`${SPA_ORIGIN}/`);
}

describe('refresh tokens of the SPA', () => {
  it('come with the code exchange, rotate on every use, and keep the permissions; CORS only for the SPA', async () => {
    const login = await codeLogin(new TenantBrowser(tenant.issuer));
    expect(login.status).toBe(200);
    expect(login.allowOrigin).toBe(SPA_ORIGIN);
    expect(typeof login.body.refresh_token).toBe('string');
    // LOCAL_TENANT_ACCESS_TOKEN_SECONDS replaces tenant.config.ts's lifetime.
    expect(login.body.expires_in).toBe(30);

    const first = await refresh(login.body.refresh_token);
    expect(first.status).toBe(200);
    expect(first.allowOrigin).toBe(SPA_ORIGIN);
    expect(first.body.refresh_token).not.toBe(login.body.refresh_token);
    // No `scope` in the refresh request: the new access token has every permission of the login.
    expect(decodePayload(String(first.body.access_token))).toMatchObject({
      aud: 'organize',
      scope: 'read:contacts read:calendar',
      sub: decodePayload(String(login.body.access_token)).sub,
    });
    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);

    // Another origin gets no CORS answer (the browser would refuse to hand it the tokens).
    const elsewhere = await tokenRequest(
      { grant_type: 'refresh_token', refresh_token: String(second.body.refresh_token) },
      'http://evil.localhost:5555',
    );
    expect(elsewhere.allowOrigin).toBeNull();
    expect(elsewhere.status).toBe(400);
  });

  it('a refresh token presented twice revokes the whole login: the newest one fails too', async () => {
    const b = new TenantBrowser(tenant.issuer);
    const login = await codeLogin(b);
    const rotated = await refresh(login.body.refresh_token);
    expect(rotated.status).toBe(200);

    const replay = await refresh(login.body.refresh_token);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    const newest = await refresh(rotated.body.refresh_token);
    expect(newest.status).toBe(400);
    expect(newest.body.error).toBe('invalid_grant');

    // The tenant session itself lives on: a silent login starts a new family of refresh tokens.
    const again = await codeLogin(b, { prompt: 'none' });
    expect(again.status).toBe(200);
    expect((await refresh(again.body.refresh_token)).status).toBe(200);
  });

  it('a silent prompt=none login gets one too (no prompt=consent needed), and logout ends every token of the session', async () => {
    const b = new TenantBrowser(tenant.issuer);
    const tabA = await codeLogin(b);
    const tabB = await codeLogin(b, { prompt: 'none' });
    expect(tabB.status).toBe(200);
    expect(typeof tabB.body.refresh_token).toBe('string');
    const tabBRotated = await refresh(tabB.body.refresh_token);
    expect(tabBRotated.status).toBe(200);
    // Someone else's login in another browser is not touched by this logout.
    const other = await codeLogin(new TenantBrowser(tenant.issuer));

    await logOut(b);

    for (const token of [tabA.body.refresh_token, tabBRotated.body.refresh_token]) {
      const after = await refresh(token);
      expect(after.status).toBe(400);
      expect(after.body.error).toBe('invalid_grant');
    }
    expect((await refresh(other.body.refresh_token)).status).toBe(200);
    const silent = await b.open(
      authorizeUrl(tenant.issuer, {
        response_type: 'code',
        prompt: 'none',
        code_challenge: 'x'.repeat(43),
        code_challenge_method: 'S256',
      }),
    );
    expect(responseParameters(silent.redirectedTo!).get('error')).toBe('login_required');
  });

  it('are not issued to the implicit flow or to the machine-to-machine application', async () => {
    const implicit = await authorizeAsUser(
      new TenantBrowser(tenant.issuer),
      authorizeUrl(tenant.issuer, { scope: SCOPE }),
      ALICE,
    );
    const params = responseParameters(implicit);
    expect(params.get('access_token')).toBeTruthy();
    expect(params.has('refresh_token')).toBe(false);

    const m2m = await clientCredentials(tenant.issuer, {
      client_id: 'organizer-m2m',
      client_secret: DEV_SECRET,
      audience: 'organize',
      scope: 'read:contacts offline_access',
    });
    const body = (await m2m.json()) as Record<string, unknown>;
    expect(body.refresh_token).toBeUndefined();
  });
});
