// The SPA's security headers: what the policy allows for each configuration, that both servers send it on
// every response, and that the page runs under it in Chromium without a single violation.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findChromium } from '@organizer/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { securityHeaders } from '../security-headers.ts';
import { parseSpaConfig } from '../src/config.ts';
import { launchChromium, openTab } from './e2e/browser.ts';
import { type SpaServers, startSpaServers } from './e2e/spa-servers.ts';
import { rawRequest } from './e2e/vite-server.ts';

const ENV = { ...process.env, AUTH0_DOMAIN: '', AUTH0_CLIENT_ID: 'organizer-spa', AUTH0_AUDIENCE: 'organize' };
const lookup = findChromium(process.env);
const inCi = process.env.CI === 'true';

type Policy = Record<string, string[]>;

function parsePolicy(header: string | string[] | undefined): Policy {
  expect(typeof header, 'Content-Security-Policy header').toBe('string');
  const directives = String(header)
    .split(';')
    .map((part) => part.trim().split(/\s+/));
  return Object.fromEntries(directives.filter(([name]) => name).map(([name, ...values]) => [name as string, values]));
}

/** What every answer of every SPA server must carry, besides its CSP. */
function expectFixedHeaders(headers: Record<string, string | string[] | undefined>, what: string): void {
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
  expect(headers['cross-origin-resource-policy'], what).toBe('same-origin');
}

const LOCKED = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

describe('the security header builder', () => {
  it('allows exactly the local tenant and the two services', () => {
    const policy = parsePolicy(securityHeaders(parseSpaConfig({ AUTH0_DOMAIN: '' }))['Content-Security-Policy']);
    expect(policy).toMatchObject(LOCKED);
    // 'self': /config.json, the page's settings.
    expect(policy['connect-src']).toEqual([
      "'self'",
      'http://localhost:4000',
      'http://localhost:3001',
      'http://localhost:3002',
    ]);
    expect(policy['frame-src']).toEqual(['http://localhost:4000']);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:']);
  });

  it('asks the browser to keep to https (HSTS) only when the SPA is served at an https origin', () => {
    const https = securityHeaders(parseSpaConfig({ SPA_ORIGIN: 'https://organizer.example' }));
    expect(https['Strict-Transport-Security']).toBe('max-age=31536000');
    expect(securityHeaders(parseSpaConfig({}))['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders(undefined)['Strict-Transport-Security']).toBeUndefined();
  });

  it('names a real tenant by its https origin', () => {
    const policy = parsePolicy(
      securityHeaders(parseSpaConfig({ AUTH0_DOMAIN: 'acme.eu.auth0.com' }))['Content-Security-Policy'],
    );
    expect(policy['connect-src']).toEqual([
      "'self'",
      'https://acme.eu.auth0.com',
      'http://localhost:3001',
      'http://localhost:3002',
    ]);
    expect(policy['frame-src']).toEqual(['https://acme.eu.auth0.com']);
  });

  it('names the API URLs of the settings, and the SPA itself for services behind its own origin', () => {
    const policy = parsePolicy(
      securityHeaders(
        parseSpaConfig({
          CONTACTS_API_URL: 'http://localhost:3000/api/contacts',
          CALENDAR_API_URL: 'https://cal.example.com/api/calendar',
        }),
      )['Content-Security-Policy'],
    );
    expect(policy['connect-src']).toEqual([
      "'self'",
      'http://localhost:4000',
      'http://localhost:3000',
      'https://cal.example.com',
    ]);
  });

  it('allows nobody but its own server when the settings are invalid, and only Vite client needs in dev', () => {
    const broken = parsePolicy(securityHeaders(undefined)['Content-Security-Policy']);
    expect(broken).toMatchObject({ ...LOCKED, 'connect-src': ["'self'"], 'frame-src': ["'none'"] });
    const dev = parsePolicy(securityHeaders(parseSpaConfig({}), { styleNonce: 'abc' })['Content-Security-Policy']);
    expect(dev).toMatchObject(LOCKED);
    expect(dev['style-src']).toEqual(["'self'", "'nonce-abc'"]);
    expect(dev['connect-src']).toEqual([
      "'self'",
      'http://localhost:4000',
      'http://localhost:3001',
      'http://localhost:3002',
    ]);
  });
});

describe('the headers the SPA servers send', () => {
  let servers: SpaServers | undefined;
  let browser: Browser | undefined;
  const started = () => {
    if (!servers) throw new Error('servers not started');
    return servers;
  };

  beforeAll(async () => {
    servers = await startSpaServers(ENV);
    if (lookup.found) browser = await launchChromium(lookup.path);
    else if (inCi) throw new Error(`CI=true and ${lookup.message}`);
  });

  afterAll(async () => {
    await browser?.close();
    await servers?.stop();
  });

  it('the dev server: a strict policy on every answer, with the nonce of its own index.html for styles', async () => {
    const { dev } = started();
    const page = await rawRequest(dev.port, '/');
    const nonce = /<meta property="csp-nonce" nonce="([^"]+)"/.exec(page.body)?.[1];
    expect(nonce, 'index.html carries the nonce Vite injects styles with').toBeDefined();
    const policy = parsePolicy(page.headers['content-security-policy']);
    expect(policy).toMatchObject(LOCKED);
    expect(policy['style-src']).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(policy['connect-src']).toEqual([
      "'self'",
      'http://localhost:4000',
      'http://localhost:3001',
      'http://localhost:3002',
    ]);
    expect(policy['frame-src']).toEqual(['http://localhost:4000']);
    for (const path of [
      '/',
      '/src/main.ts',
      '/src/styles.css',
      '/@vite/client',
      '/@fs/etc/passwd',
      '/no-such-file.js',
    ]) {
      const response = await rawRequest(dev.port, path);
      expect(response.headers['content-security-policy'], path).toBe(page.headers['content-security-policy']);
      expectFixedHeaders(response.headers, path);
    }
  });

  it('vite preview: the built page gets no dev allowances, on every answer', async () => {
    const { preview } = started();
    const page = await rawRequest(preview.port, '/');
    expect(page.body).not.toContain('nonce');
    const policy = parsePolicy(page.headers['content-security-policy']);
    expect(policy).toMatchObject(LOCKED);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual([
      "'self'",
      'http://localhost:4000',
      'http://localhost:3001',
      'http://localhost:3002',
    ]);
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    for (const path of ['/', String(script), '/some/route']) {
      const response = await rawRequest(preview.port, path);
      expect(response.status, path).toBe(200);
      expect(response.headers['content-security-policy'], path).toBe(page.headers['content-security-policy']);
      expectFixedHeaders(response.headers, path);
    }
  });

  it("the built SPA's own server (pnpm start): the same headers as vite preview on every answer, and nothing but the build", async () => {
    const { preview, built } = started();
    const page = await rawRequest(built.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(
      (await rawRequest(preview.port, '/')).headers['content-security-policy'],
    );
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(page.body)?.[1];
    const config = await rawRequest(built.port, '/config.json');
    expect([config.status, config.headers['content-type'], config.headers['cache-control']]).toEqual([
      200,
      'application/json; charset=utf-8',
      'no-store',
    ]);
    expect(JSON.parse(config.body)).toEqual({
      AUTH0_DOMAIN: '',
      AUTH0_CLIENT_ID: 'organizer-spa',
      AUTH0_AUDIENCE: 'organize',
    });
    for (const [path, status] of [
      ['/', 200],
      [String(script), 200],
      ['/config.json', 200],
      ['/assets/', 404],
      ['/../package.json', 404],
      ['/%2e%2e/%2e%2e/package.json', 404],
      ['/.env', 404],
      ['/%', 404],
      ['/assets/x.js.map', 404],
    ] as const) {
      const response = await rawRequest(built.port, path);
      expect(response.status, path).toBe(status);
      expect(response.headers['content-security-policy'], path).toBe(page.headers['content-security-policy']);
      expect(response.body, path).not.toMatch(/\n\s+at |node_modules|Index of/);
      expectFixedHeaders(response.headers, path);
    }
  });

  it.skipIf(!lookup.found && !inCi).each(['dev', 'preview', 'built'] as const)(
    'in Chromium, the %s page runs under its policy without one violation',
    async (which) => {
      if (!browser) throw new Error('browser not started');
      const tab = await openTab(browser);
      try {
        // On a free port, the page's code runs and (correctly) says to open the SPA's own origin instead.
        await tab.page.goto(started()[which].url);
        await tab.page.getByRole('alert').filter({ hasText: 'Open http://localhost:3000' }).waitFor();
        expect(await tab.page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('system-ui');
        expect(tab.problems).toEqual([]);
      } finally {
        await tab.context.close();
      }
    },
  );

  it.skipIf(!lookup.found && !inCi).each(['dev', 'preview', 'built'] as const)(
    'no page on another origin can frame the %s page',
    async (which) => {
      if (!browser) throw new Error('browser not started');
      const tab = await openTab(browser);
      try {
        const target = started()[which].url;
        // A page of another local origin (the kind that could overlay a login button), served for real:
        // Chromium treats a page that Playwright fulfils as public and would refuse any loopback frame anyway.
        const attacker = createServer((_req, res) =>
          res.setHeader('Content-Type', 'text/html').end(`<iframe src="${target}"></iframe>`),
        );
        await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
        onTestFinished(() => void attacker.close());
        await tab.page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
        const child = () => tab.page.frames().find((frame) => frame !== tab.page.mainFrame());
        // The frame starts as about:blank (and briefly ''); a framable page would then show up at its own URL,
        // a refused one as Chromium's error page.
        await expect.poll(() => child()?.url() ?? '', { timeout: 10_000 }).toMatch(/^(chrome-error:|http:)/);
        expect(child()?.url()).toBe('chrome-error://chromewebdata/');
        expect(await tab.page.frameLocator('iframe').getByRole('button', { name: 'Log in' }).count()).toBe(0);
        expect(tab.problems.join('\n')).toContain(
          `Framing '${target}' violates the following Content Security Policy directive: "frame-ancestors 'none'"`,
        );
      } finally {
        await tab.context.close();
      }
    },
  );
});
