// DPoP (RFC 9449) in a real Chromium against `pnpm dev` (every part on a free port): the code flow binds its
// tokens to a non-extractable ES256 key of the tab, the services get `Authorization: DPoP` with a proof, a
// reload keeps the key, logout deletes it; the guide's implicit flow stays Bearer. Needs the local tenant's
// DPoP (its discovery lists ES256) and the services' DPoP verification.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProofKey, findChromium, signProof } from '@organizer/testing';
import { calculateJwkThumbprint, decodeProtectedHeader, type JWK } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchChromium, openTab, screenshot, type Tab } from './e2e/browser.ts';
import { alice, callApi, logIn, openSpa } from './e2e/flows.ts';
import { type StackOnFreePorts, type StackUrls, startStackOnFreePorts } from './e2e/stack.ts';
import { jwtPayload, s256, type TokenTraffic, waitUntil, watchTokenTraffic } from './e2e/token-traffic.ts';

const results = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
const lookup = findChromium(process.env);
const inCi = process.env.CI === 'true';
const SIGNED_IN = 'Signed in as Alice Example.';
const BOUND = 'DPoP-bound (ES256 key kept in this tab)';

let urls: StackUrls = { spa: '', tenant: '', contacts: '', calendar: '' };

interface ApiCall {
  url: string;
  status: number;
  authorization?: string;
  proof?: string;
}

/** The services' answers and what each request carried, read from the network, never from the page. */
function watchApiCalls(tab: Tab): ApiCall[] {
  const calls: ApiCall[] = [];
  tab.context.on('response', async (response) => {
    const request = response.request();
    if (![urls.contacts, urls.calendar].some((origin) => request.url().startsWith(`${origin}/api/`))) return;
    if (request.method() === 'OPTIONS') return;
    const headers = await request.allHeaders();
    calls.push({
      url: request.url(),
      status: response.status(),
      authorization: headers.authorization,
      proof: headers.dpop,
    });
  });
  return calls;
}

/** What the login keeps for DPoP: the key's name in sessionStorage, the key pair in IndexedDB (never exported). */
async function keyOf(page: Page) {
  return page.evaluate(async () => {
    const id = sessionStorage.getItem('login.dpop-key');
    const open = indexedDB.open('login.dpop', 1);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onupgradeneeded = () => open.result.createObjectStore('keys');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = await new Promise<unknown[]>((resolve) => {
      const request = db.transaction('keys').objectStore('keys').getAllKeys();
      request.onsuccess = () => resolve(request.result);
    });
    const pair = await new Promise<CryptoKeyPair | undefined>((resolve) => {
      const request = db
        .transaction('keys')
        .objectStore('keys')
        .get(id ?? '');
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    const exported = pair
      ? await crypto.subtle.exportKey('jwk', pair.privateKey).then(
          () => 'exported',
          (error: Error) => error.name,
        )
      : undefined;
    return { id, stored: all.length, extractable: pair?.privateKey.extractable, exported };
  });
}

const thumbprintOf = async (proof: string) => calculateJwkThumbprint(decodeProtectedHeader(proof).jwk as JWK);

if (!lookup.found && !inCi) console.warn(`Browser tests skipped: ${lookup.message}`);

describe.skipIf(!lookup.found && !inCi)('DPoP in the browser: code flow bound to a key of the tab', () => {
  let stack: StackOnFreePorts | undefined;
  let browser: Browser | undefined;
  const timings: Record<string, number> = {};
  let main: (Tab & { traffic: TokenTraffic; calls: ApiCall[] }) | undefined;

  beforeAll(async () => {
    if (!lookup.found) throw new Error(`CI=true and ${lookup.message}`);
    stack = await startStackOnFreePorts(
      // The services take DPoP only: the code flow must work with them, and a Bearer token must not.
      {
        ...process.env,
        AUTH0_DOMAIN: '',
        AUTH0_CLIENT_ID: 'organizer-spa',
        SPA_CHECK_SESSION_SECONDS: '900',
        DPOP_MODE: 'required',
      },
      { tenantHost: '127.0.0.1' },
    );
    urls = stack.urls;
    browser = await launchChromium(lookup.path, { blockThirdPartyCookies: true });
  });

  afterAll(async () => {
    await main?.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
    await mkdir(results, { recursive: true });
    await writeFile(join(results, 'browser-dpop-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    console.info(`browser DPoP tests: ${JSON.stringify(timings)}`);
  });

  async function freshTab(name: string) {
    if (!browser) throw new Error('browser not started');
    const tab = await openTab(browser, { apiOrigins: [urls.contacts, urls.calendar] });
    const traffic = watchTokenTraffic(tab.context, urls.tenant);
    const calls = watchApiCalls(tab);
    onTestFinished(async ({ task }) => {
      if (task.result?.state !== 'fail') return;
      const path = await screenshot(tab.page, results, `failed-dpop-${name}`);
      console.error(
        `screenshot: ${path}\nproblems: ${tab.problems.join('\n') || 'none'}\n${stack?.log().slice(-3000)}`,
      );
    });
    return { ...tab, traffic, calls };
  }

  /** Chromium logs each 400 of a DPoP nonce challenge at /oauth/token; the retry with the nonce follows it. */
  it('the tenant offers DPoP with ES256', async () => {
    const discovery = await fetch(`${urls.tenant}/.well-known/openid-configuration`).then((r) => r.json());
    expect(discovery.dpop_signing_alg_values_supported, 'the local tenant has no DPoP yet').toContain('ES256');
  });

  it('code-flow login: dpop_jkt at /authorize, a proof at /oauth/token, token_type DPoP, DPoP calls to both APIs', async () => {
    main = await freshTab('login');
    const { page, traffic, calls, problems } = main;
    await openSpa(page, urls.spa);
    const started = performance.now();
    await logIn(page, urls, alice, 'Accept if asked');
    timings.loginMs = Math.round(performance.now() - started);
    expect(await page.locator('#session-status').textContent()).toBe(SIGNED_IN);
    expect(await page.getByTestId('token-binding').textContent()).toBe(BOUND);

    const [exchange] = traffic.tokens;
    expect(exchange).toMatchObject({ grantType: 'authorization_code', status: 200 });
    expect(exchange!.body.token_type).toBe('DPoP');
    const jkt = await thumbprintOf(String(exchange!.proof));
    expect(traffic.authorize[0]!.searchParams.get('dpop_jkt')).toBe(jkt);
    expect((jwtPayload(String(exchange!.body.access_token)).cnf as { jkt?: string })?.jkt).toBe(jkt);
    const exchangeProof = jwtPayload(String(exchange!.proof));
    expect(exchangeProof).toMatchObject({ htm: 'POST', htu: `${urls.tenant}/oauth/token` });
    // The tenant requires nonces: the first proof of this page got the challenge, the retry carried one.
    expect(traffic.nonceChallenges).toBeGreaterThanOrEqual(1);
    expect(typeof exchangeProof.nonce).toBe('string');

    const key = await keyOf(page);
    expect(key).toMatchObject({ stored: 1, extractable: false, exported: 'InvalidAccessError' });

    for (const api of ['Contacts', 'Calendar'] as const) {
      const shown = await callApi(page, api);
      expect(shown.status).toBe('200');
    }
    const clicked = calls.slice(-2);
    expect(clicked.map((call) => call.status)).toEqual([200, 200]);
    const accessToken = String(traffic.tokens.at(-1)!.body.access_token);
    for (const call of clicked) {
      expect(call.authorization).toBe(`DPoP ${accessToken}`);
      const proof = jwtPayload(String(call.proof));
      expect(proof).toMatchObject({ htm: 'GET', htu: call.url.split('?')[0], ath: s256(accessToken) });
      expect(await thumbprintOf(String(call.proof))).toBe(jkt);
    }
    // What an attacker who copied a request off the wire can do with it: nothing. The same proof again is a
    // replay; the token as Bearer, or with a proof of another key, is refused.
    const [copied] = clicked;
    const replay = await fetch(copied!.url, {
      headers: { authorization: String(copied!.authorization), dpop: String(copied!.proof) },
    });
    expect([replay.status, ((await replay.json()) as { error: string }).error]).toEqual([401, 'invalid_dpop_proof']);
    const asBearer = await fetch(copied!.url, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(asBearer.status).toBe(401);
    expect(asBearer.headers.get('www-authenticate')).toMatch(/^DPoP realm="organize"/);
    const stranger = await createProofKey();
    const foreign = await signProof(stranger, { htm: 'GET', htu: copied!.url, accessToken });
    const withForeignKey = await fetch(copied!.url, {
      headers: { authorization: `DPoP ${accessToken}`, dpop: foreign },
    });
    expect([withForeignKey.status, ((await withForeignKey.json()) as { error: string }).error]).toEqual([
      401,
      'invalid_token',
    ]);
    expect(problems).toEqual([]);
  });

  it('a refresh carries a proof of the same key, and the new tokens stay bound to it', async () => {
    const { page, traffic, problems } = main!;
    const jkt = await thumbprintOf(String(traffic.tokens[0]!.proof));
    const before = traffic.tokens.length;
    await page.getByRole('button', { name: 'Check session' }).click();
    await page.getByTestId('session-check').filter({ hasText: 'new access token from the refresh token' }).waitFor();
    // The network record comes a moment after the page's line (its body is read asynchronously).
    const refresh = await waitUntil('the refresh', () =>
      traffic.tokens.slice(before).find((t) => t.grantType === 'refresh_token'),
    );
    expect(refresh).toMatchObject({ status: 200, body: expect.objectContaining({ token_type: 'DPoP' }) });
    expect(await thumbprintOf(String(refresh!.proof))).toBe(jkt);
    expect((jwtPayload(String(refresh!.body.access_token)).cnf as { jkt?: string }).jkt).toBe(jkt);
    expect((await callApi(page, 'Contacts')).status).toBe('200');
    expect(problems).toEqual([]);
  });

  it('a reload restores the session with the same key (same cnf.jkt), and logout deletes the key', async () => {
    const { page, traffic, calls, problems } = main!;
    const firstJkt = (jwtPayload(String(traffic.tokens[0]!.body.access_token)).cnf as { jkt: string }).jkt;
    const keyBefore = await keyOf(page);
    const before = traffic.tokens.length;
    const started = performance.now();
    await page.reload();
    await page.locator('#session-status', { hasText: SIGNED_IN }).waitFor();
    timings.reloadMs = Math.round(performance.now() - started);
    expect(traffic.authorize.at(-1)!.searchParams.get('prompt')).toBe('none');
    expect(traffic.authorize.at(-1)!.searchParams.get('dpop_jkt')).toBe(firstJkt);
    const exchange = await waitUntil('the exchange', () =>
      traffic.tokens.slice(before).find((t) => t.grantType === 'authorization_code'),
    );
    expect((jwtPayload(String(exchange!.body.access_token)).cnf as { jkt: string }).jkt).toBe(firstJkt);
    expect(await keyOf(page)).toEqual(keyBefore);
    expect(await page.getByTestId('token-binding').textContent()).toBe(BOUND);
    expect((await callApi(page, 'Calendar')).status).toBe('200');
    expect(calls.at(-1)?.authorization?.startsWith('DPoP ')).toBe(true);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${urls.spa}/`);
    await page.locator('#session-status', { hasText: 'Not signed in.' }).waitFor();
    expect(await keyOf(page)).toMatchObject({ id: null, stored: 0 });
    expect(problems).toEqual([]);
  });

  it('the implicit flow stays Bearer (no key, no proof), which services with DPOP_MODE=required refuse', async () => {
    const { page, traffic, calls, problems, context } = await freshTab('implicit');
    onTestFinished(() => context.close());
    await openSpa(page, urls.spa, 'implicit');
    await logIn(page, urls, alice, 'Accept if asked');
    expect(await page.locator('#session-status').textContent()).toBe(SIGNED_IN);
    expect(await page.getByTestId('token-binding').textContent()).toBe('Bearer');
    expect((await callApi(page, 'Contacts')).status).toBe('401');
    const call = calls.at(-1)!;
    expect(call.status).toBe(401);
    expect(call.authorization).toMatch(/^Bearer /);
    expect(call.proof).toBeUndefined();
    expect(jwtPayload(String(call.authorization).slice(7))).not.toHaveProperty('cnf');
    expect(traffic.tokens).toEqual([]);
    expect(traffic.authorize.every((url) => !url.searchParams.has('dpop_jkt'))).toBe(true);
    expect(await keyOf(page)).toMatchObject({ id: null, stored: 0 });
    expect(problems).toEqual([]);
  });
  it("the API console (/api-docs/) shows both services' routes with their permissions, sends DPoP calls, and names its origin elsewhere", async () => {
    const { page, calls, problems, context } = await freshTab('api-docs');
    onTestFinished(() => context.close());
    await page.goto(`${urls.spa}/api-docs/`);
    const operations = page.locator('.opblock');
    await operations.nth(5).waitFor();
    expect(await operations.count()).toBe(6);
    const routes = [
      ['GET', '/api/contacts', 'read:contacts'],
      ['POST', '/api/contacts', 'write:contacts'],
      ['DELETE', '/api/contacts/{id}', 'write:contacts'],
      ['GET', '/api/calendar', 'read:calendar'],
      ['POST', '/api/calendar', 'write:calendar'],
      ['DELETE', '/api/calendar/{id}', 'write:calendar'],
    ];
    for (const [index, [method, path, permission]] of routes.entries()) {
      const summary = operations.nth(index).locator('.opblock-summary');
      expect(await summary.locator('.opblock-summary-method').textContent()).toBe(method);
      expect(await summary.locator('.opblock-summary-path').textContent()).toBe(path);
      expect(await summary.textContent()).toContain(permission);
    }
    const status = page.locator('#docs-session');
    expect(await status.textContent()).toMatch(/^Not signed in/);

    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.origin === urls.tenant);
    await page.getByLabel('Email').fill(alice.email);
    await page.getByLabel('Password').fill(alice.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    const accept = page.getByRole('button', { name: 'Accept' });
    const back = page.waitForURL(`${urls.spa}/api-docs/`);
    if (await Promise.race([back.then(() => false), accept.waitFor().then(() => true)])) await accept.click();
    await back;
    await page.waitForFunction(() => document.getElementById('docs-session')?.textContent?.startsWith('Signed in'));
    expect(await status.textContent()).toBe(
      'Signed in as Alice Example. "Try it out" sends your DPoP-bound token with a proof.',
    );

    for (const [index, origin] of [
      [0, urls.contacts],
      [3, urls.calendar],
    ] as const) {
      const operation = operations.nth(index);
      await operation.locator('.opblock-summary').click();
      await operation.getByRole('button', { name: 'Execute' }).click();
      await operation.locator('.live-responses-table .response .response-col_status').first().waitFor();
      expect(
        await operation.locator('.live-responses-table .response .response-col_status').first().textContent(),
      ).toBe('200');
      const call = calls.at(-1);
      expect(call).toMatchObject({ status: 200, authorization: expect.stringMatching(/^DPoP /) });
      expect(call?.url.startsWith(`${origin}/api/`)).toBe(true);
      expect(jwtPayload(String(call?.proof))).toMatchObject({ htm: 'GET', htu: String(call?.url).split('?')[0] });
    }

    // The same server by its IP address: the console says where it works, and signs nobody in here.
    const callsBefore = calls.length;
    await page.goto(`${urls.spa.replace('//localhost:', '//127.0.0.1:')}/api-docs/`);
    await page.getByText(`Open ${urls.spa}/api-docs/ instead`).waitFor();
    expect(await page.getByRole('button', { name: 'Log in' }).isDisabled()).toBe(true);
    expect(await operations.count()).toBe(0);
    expect(calls.length).toBe(callsBefore);
    expect(problems).toEqual([]);
  });
});
