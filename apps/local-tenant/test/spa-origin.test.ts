import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@organizer/auth/settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { authorizeAsUser, isLoginPage, TenantBrowser } from '../src/login-client.ts';
import { withSpaOrigin } from '../src/spa-origin.ts';
import type { TenantDefinition } from '../src/tenant-definition.ts';
import { tenant as stockTenant } from '../tenant.config.ts';
import { ALICE, authorizeUrl, type LocalTenantUnderTest, startLocalTenant } from './helpers.ts';

const VITE = 'http://localhost:5173';
const DEFAULT = 'http://localhost:3000';

const withSpa = (spa: Partial<TenantDefinition['applications']['spa']>): TenantDefinition => ({
  ...stockTenant,
  applications: { ...stockTenant.applications, spa: { ...stockTenant.applications.spa, ...spa } },
});

describe('SPA_ORIGIN in the tenant configuration', () => {
  it('defaults to http://localhost:3000 and leaves tenant.config.ts as written', () => {
    const config = loadConfig({});
    expect(config.spaOrigin).toBe(DEFAULT);
    expect(config.tenant.applications.spa).toEqual(stockTenant.applications.spa);
    expect(loadConfig({ SPA_ORIGIN: ' ' }).spaOrigin).toBe(DEFAULT);
    expect(withSpaOrigin(stockTenant, DEFAULT)).toBe(stockTenant);
  });

  it('replaces the default origin, so the SPA application accepts exactly the configured one', () => {
    const config = loadConfig({ SPA_ORIGIN: `${VITE}/` });
    expect(config.spaOrigin).toBe(VITE);
    expect(config.tenant.applications.spa).toMatchObject({
      callbackUrls: [VITE, `${VITE}/api-docs/`],
      logoutUrls: [VITE, `${VITE}/api-docs/`],
      webOrigins: [VITE],
    });
  });

  it('keeps paths and other origins of an edited tenant file, and lists nothing twice', () => {
    const edited = withSpa({
      callbackUrls: [
        'http://localhost:3000/',
        'http://localhost:3000/signed-in?x=1',
        'https://organizer.example.com',
        VITE,
      ],
      logoutUrls: ['http://localhost:3000', VITE],
    });
    const { spa } = withSpaOrigin(edited, VITE).applications;
    expect(spa.callbackUrls).toEqual([`${VITE}/`, `${VITE}/signed-in?x=1`, 'https://organizer.example.com', VITE]);
    expect(spa.logoutUrls).toEqual([VITE]);
    expect(spa.webOrigins).toEqual([VITE]);
  });

  it('stops with a message naming SPA_ORIGIN for a value that is not an origin', () => {
    for (const bad of ['localhost:5173', 'http://localhost:5173/app', 'ftp://localhost:5173']) {
      let error: unknown;
      try {
        loadConfig({ SPA_ORIGIN: bad });
      } catch (caught) {
        error = caught;
      }
      expect(error, bad).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe('SPA_ORIGIN');
    }
  });
});

describe(`the tenant started with SPA_ORIGIN=${VITE}`, () => {
  let tenant: LocalTenantUnderTest;
  beforeAll(async () => {
    tenant = await startLocalTenant(undefined, { env: { SPA_ORIGIN: VITE } });
  });
  afterAll(() => tenant.stop());

  const challenge = () => {
    const verifier = randomBytes(32).toString('base64url');
    return {
      verifier,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    };
  };
  const tokenEndpoint = () => new URL('oauth/token', tenant.issuer);

  it('accepts redirect_uri at that origin: /authorize sends the browser to the login page', async () => {
    const { verifier: _unused, ...pkce } = challenge();
    const response = await fetch(authorizeUrl(tenant.issuer, { response_type: 'code', redirect_uri: VITE, ...pkce }), {
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, tenant.issuer);
    expect(location.origin).toBe(new URL(tenant.issuer).origin);
    expect(location.pathname).toMatch(/^\/interaction\//);
    const login = await new TenantBrowser(tenant.issuer).open(authorizeUrl(tenant.issuer, { redirect_uri: VITE }));
    expect(isLoginPage(login)).toBe(true);
  });

  it('refuses http://localhost:3000, which it no longer registers, with its error page', async () => {
    const response = await fetch(authorizeUrl(tenant.issuer, { redirect_uri: DEFAULT }), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('invalid_redirect_uri');
  });

  it('runs the code flow back to that origin, the code exchange allowed by CORS for it', async () => {
    const { verifier, ...pkce } = challenge();
    const redirect = await authorizeAsUser(
      new TenantBrowser(tenant.issuer),
      authorizeUrl(tenant.issuer, { response_type: 'code', redirect_uri: VITE, ...pkce }),
      ALICE,
    );
    expect(redirect.origin).toBe(VITE);
    const code = redirect.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const preflight = await fetch(tokenEndpoint(), {
      method: 'OPTIONS',
      headers: {
        origin: VITE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(VITE);

    const response = await fetch(tokenEndpoint(), {
      method: 'POST',
      headers: { origin: VITE, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'organizer-spa',
        code,
        redirect_uri: VITE,
        code_verifier: verifier,
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(VITE);
    expect(await response.json()).toMatchObject({ token_type: 'Bearer' });
  });

  it('refuses CORS on /oauth/token for http://localhost:3000', async () => {
    const response = await fetch(tokenEndpoint(), {
      method: 'POST',
      headers: { origin: DEFAULT, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'organizer-spa',
        code: 'x',
        redirect_uri: DEFAULT,
        code_verifier: 'x',
      }),
    });
    expect(response.headers.get('access-control-allow-origin')).not.toBe(DEFAULT);
  });

  it('answers checkSession (web_message) to that origin and logs out back to it', async () => {
    const browser = new TenantBrowser(tenant.issuer);
    await authorizeAsUser(browser, authorizeUrl(tenant.issuer, { redirect_uri: VITE }), ALICE);
    const silent = await browser.open(
      authorizeUrl(tenant.issuer, { prompt: 'none', response_mode: 'web_message', redirect_uri: VITE }),
    );
    expect(silent.status).toBe(200);
    expect(silent.html).toContain('"access_token":"ey');
    expect(silent.html).toContain(`"redirect_uri":"${VITE}"`);

    const logout = new URL('v2/logout', tenant.issuer);
    logout.searchParams.set('returnTo', VITE);
    logout.searchParams.set('client_id', 'organizer-spa');
    const page = await browser.open(logout);
    expect(page.html).toContain('name="logout" value="yes"');
    const action = /action="([^"]+)"/.exec(page.html)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.html)![1]!;
    const done = await browser.open(new URL(action, tenant.issuer), { form: { xsrf, logout: 'yes' } });
    expect(done.redirectedTo?.href).toBe(`${VITE}/`);
  });

  it('refuses returnTo http://localhost:3000', async () => {
    const logout = new URL('v2/logout', tenant.issuer);
    logout.searchParams.set('returnTo', DEFAULT);
    logout.searchParams.set('client_id', 'organizer-spa');
    const response = await fetch(logout, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('post_logout_redirect_uri');
  });
});

describe('start-up with SPA_ORIGIN', () => {
  const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

  /** Runs src/index.ts until it prints its banner (or exits); the child is ended by its own handle. */
  async function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const state = await mkdtemp(join(tmpdir(), 'local-tenant-state-'));
    try {
      return await new Promise((resolve) => {
        const child = spawn(process.execPath, ['src/index.ts'], {
          cwd: packageDir,
          env: { ...process.env, XDG_STATE_HOME: state, LOCAL_TENANT_URL: 'http://localhost:4000', PORT: '0', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('signing')) child.kill('SIGTERM');
        });
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('exit', (code) => resolve({ code, stdout, stderr }));
      });
    } finally {
      await rm(state, { recursive: true, force: true });
    }
  }

  it('stops with a message naming SPA_ORIGIN and its fix, without a stack trace', async () => {
    const result = await start({ SPA_ORIGIN: 'http://localhost:5173/app' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'SPA_ORIGIN must be an origin, without a path ("http://localhost:5173/app"). Use the address the browser shows',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('names the registered origin in its banner', async () => {
    const result = await start({ SPA_ORIGIN: VITE });
    expect(result.stdout).toContain(`SPA at     ${VITE}, ${VITE}/api-docs/ (SPA_ORIGIN;`);
    expect(result.stdout).not.toContain(DEFAULT);
  });
});
