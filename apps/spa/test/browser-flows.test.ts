// The default flow, authorization code + PKCE with rotating refresh tokens, in a real Chromium that blocks
// third-party cookies, against `pnpm dev` (every part on a free port) with the local tenant on another site
// than the SPA (http://127.0.0.1:<port> beside http://localhost:<port>), which is how every real *.auth0.com
// tenant looks to Safari and Firefox. Access tokens last 10 s here, so renewals happen within a test. The cases share
// one stack and run in order (alice consents once, in the first).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '@organizer/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchChromium, openTab, screenshot, type Tab } from './e2e/browser.ts';
import { alice, bob, callApi, chooseFlow, FLOW_RADIO, logIn, openSpa, settled, statusText } from './e2e/flows.ts';
import { type StackOnFreePorts, type StackUrls, startStackOnFreePorts } from './e2e/stack.ts';
import {
  jwtPayload,
  s256,
  TOKEN_IN_URL,
  type TokenTraffic,
  waitUntil,
  watchTokenTraffic,
} from './e2e/token-traffic.ts';

const results = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
const lookup = findChromium(process.env);
const inCi = process.env.CI === 'true';
const TOKEN_SECONDS = 10;
const FLOWS_ENV = {
  AUTH0_DOMAIN: '',
  AUTH0_CLIENT_ID: 'organizer-spa',
  AUTH0_AUDIENCE: 'organize',
  LOCAL_TENANT_ACCESS_TOKEN_SECONDS: String(TOKEN_SECONDS),
  // Renewals come from the short token lifetime; the periodic check stays out of the way.
  SPA_CHECK_SESSION_SECONDS: '900',
  AUDIENCE: 'organize',
};
const ENDED = 'Signed out: the tenant ended this sign-in';
const SIGNED_IN = 'Signed in as Alice Example.';
const RENEWAL = /Last renewal at .*: new access token from the refresh token, (.+) \((\d+) ms\)/;

// Where startStackOnFreePorts put the SPA (SPA_ORIGIN, on localhost), the tenant (on 127.0.0.1) and the services.
let urls: StackUrls = { spa: '', tenant: '', contacts: '', calendar: '' };

type Stored = Array<[string, string]>;

async function storageOf(page: Page): Promise<{ session: Stored; local: Stored; cookie: string }> {
  return page.evaluate(() => ({
    session: Object.keys(sessionStorage).map((key): [string, string] => [key, sessionStorage.getItem(key) ?? '']),
    local: Object.keys(localStorage).map((key): [string, string] => [key, localStorage.getItem(key) ?? '']),
    cookie: document.cookie,
  }));
}

/** The one thing the login keeps across a reload: a hint that this browser signed in here (no token, no name). */
const SIGNED_IN_HINT: Stored = [['login.signed-in.organizer-spa', '1']];

/** Whether the tenant offers DPoP (its discovery lists ES256): then the code flow binds its tokens to a key. */
let dpop = false;

/** In sessionStorage, where the tenant offers DPoP: the name of this tab's key (the key is in IndexedDB). */
const tabKey = (): Stored => (dpop ? [['login.dpop-key', expect.stringMatching(/^\d{13}\.[\w-]{12}$/)]] : []);

async function renewalLine(
  page: Page,
  because: string,
  timeoutMs = (TOKEN_SECONDS + 5) * 1000,
): Promise<{ ms: number }> {
  const line = page
    .getByTestId('session-check')
    .filter({ hasText: new RegExp(`new access token from the refresh token, ${because}`) });
  await line.waitFor({ timeout: timeoutMs });
  const match = RENEWAL.exec((await line.textContent()) ?? '');
  return { ms: Number(match?.[2]) };
}

if (!lookup.found && !inCi) console.warn(`Browser tests skipped: ${lookup.message}`);

describe.skipIf(!lookup.found && !inCi)(
  'the code flow with third-party cookies blocked and the tenant on another site',
  () => {
    let stack: StackOnFreePorts | undefined;
    let browser: Browser | undefined;
    const timings: Record<string, number> = {};
    const tabs: Tab[] = [];

    beforeAll(async () => {
      if (!lookup.found) throw new Error(`CI=true and ${lookup.message}`);
      stack = await startStackOnFreePorts({ ...process.env, ...FLOWS_ENV }, { tenantHost: '127.0.0.1' });
      urls = stack.urls;
      const discovery = await fetch(`${urls.tenant}/.well-known/openid-configuration`).then((r) => r.json());
      dpop = (discovery.dpop_signing_alg_values_supported ?? []).includes('ES256');
      timings.devReadySeconds = Number(stack.readySeconds.toFixed(2));
      browser = await launchChromium(lookup.path, { blockThirdPartyCookies: true });
    });

    afterAll(async () => {
      for (const tab of tabs) await tab.context.close().catch(() => undefined);
      await browser?.close();
      await stack?.stop();
      await mkdir(results, { recursive: true });
      await writeFile(join(results, 'browser-flow-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
      console.info(`browser flow tests: ${JSON.stringify(timings)}`);
    });

    /**
     * A fresh browser context, with a screenshot if the test fails; closed when the test ends (a signed-in tab
     * renews its token every few seconds) unless `keepOpen`, for a tab that later cases go on with.
     */
    async function freshTab(name: string, keepOpen = false): Promise<Tab & { traffic: TokenTraffic }> {
      if (!browser) throw new Error('browser not started');
      const tab = await openTab(browser, { apiOrigins: [urls.contacts, urls.calendar] });
      tabs.push(tab);
      const traffic = watchTokenTraffic(tab.context, urls.tenant);
      onTestFinished(async ({ task }) => {
        if (task.result?.state === 'fail') {
          const path = await screenshot(tab.page, results, `failed-flows-${name}`);
          console.error(
            `screenshot of the failing test: ${path}\nproblems: ${tab.problems.join('\n') || 'none'}\npnpm dev log tail:\n${stack?.log().slice(-3000)}`,
          );
        }
        if (!keepOpen) await tab.context.close();
      });
      return { ...tab, traffic };
    }

    // One signed-in tab for the first four cases: login, renewal, reload, then SSO and SLO with a second tab.
    let main: (Tab & { traffic: TokenTraffic }) | undefined;

    it('"Log in" uses code + PKCE by default: S256 at /authorize, tokens only from /oauth/token, none in a URL or in storage', async () => {
      main = await freshTab('code-login', true);
      const { page, traffic, problems, navigations, context } = main;
      const visited = performance.now();
      await openSpa(page, urls.spa);
      timings.codeFirstVisitMs = Math.round(performance.now() - visited);
      expect(
        await page
          .getByRole('group', { name: 'Flow' })
          .getByRole('radio', { name: FLOW_RADIO.code, exact: true })
          .isChecked(),
      ).toBe(true);
      expect(await page.getByTestId('active-flow').textContent()).toContain('Active flow: Authorization code + PKCE');
      expect(await statusText(page)).toBe('Not signed in.');
      // A first visit has nothing to restore: it never leaves for the tenant, and nothing lands in the address bar.
      expect(traffic.authorize).toEqual([]);
      expect(navigations).toEqual([`${urls.spa}/`]);
      expect(await page.getByTestId('session-check').textContent()).toBe('');

      const started = performance.now();
      await logIn(page, urls, alice, 'Accept');
      const contacts = await callApi(page, 'Contacts');
      timings.codeLoginRoundTripMs = Math.round(performance.now() - started);
      expect(await statusText(page)).toBe(SIGNED_IN);
      expect(contacts.status).toBe('200');
      const sub = ((await page.locator('#user code').first().textContent()) ?? '').trim();
      expect(contacts.text).toContain(sub);
      const calendar = await callApi(page, 'Calendar');
      expect(calendar.status).toBe('200');
      expect(calendar.text).toContain(sub);

      const login = traffic.authorize[0]!;
      expect(
        Object.fromEntries(
          ['response_type', 'response_mode', 'code_challenge_method', 'prompt'].map((key) => [
            key,
            login.searchParams.get(key),
          ]),
        ),
      ).toEqual({
        response_type: 'code',
        response_mode: 'query',
        code_challenge_method: 'S256',
        prompt: null,
      });
      expect(login.searchParams.get('scope')?.split(' ')).toEqual(
        expect.arrayContaining(['openid', 'offline_access', 'read:contacts', 'read:calendar']),
      );
      expect(login.searchParams.get('state')?.length).toBeGreaterThanOrEqual(22);
      expect(login.searchParams.get('nonce')?.length).toBeGreaterThanOrEqual(22);
      const [exchange] = traffic.tokens;
      expect(exchange).toMatchObject({ grantType: 'authorization_code', status: 200 });
      // The verifier: 32 random bytes (43 characters), the one the challenge was made from.
      expect(String(exchange!.sent.code_verifier)).toMatch(/^[\w-]{43}$/);
      expect(s256(String(exchange!.sent.code_verifier))).toBe(login.searchParams.get('code_challenge'));
      expect(typeof exchange!.body.refresh_token).toBe('string');
      expect(jwtPayload(String(exchange!.body.id_token)).nonce).toBe(login.searchParams.get('nonce'));

      // No URL ever carried a token: not the address bar, not a redirect, not a request.
      expect([...traffic.urls, ...navigations].filter((url) => TOKEN_IN_URL.test(url))).toEqual([]);
      expect(page.url()).toBe(`${urls.spa}/`);
      // In Web Storage only the hint and the DPoP key's name (the PKCE round trip is gone) and no cookie for the
      // SPA; the tenant's own
      // cookies (on 127.0.0.1) are session ids, none of them a token.
      expect(await storageOf(page)).toEqual({ session: tabKey(), local: SIGNED_IN_HINT, cookie: '' });
      expect(await context.cookies(urls.spa)).toEqual([]);
      const cookieValues = (await context.cookies()).map((cookie) => cookie.value);
      for (const token of traffic.issued())
        expect(cookieValues.some((value) => value.includes(token.slice(0, 40)))).toBe(false);
      expect(problems).toEqual([]);
    });

    it('renews the access token with the refresh token before it expires, and each renewal rotates the refresh token', async () => {
      const { page, traffic, problems } = main!;
      const before = String(traffic.tokens[0]!.body.access_token);
      const { ms } = await renewalLine(page, 'before expiry');
      timings.renewalMs = ms;
      const refreshes = await waitUntil('a refresh', () => {
        const found = traffic.tokens.filter((t) => t.grantType === 'refresh_token');
        return found.length > 0 && found;
      });
      expect(refreshes[0]).toMatchObject({ status: 200 });
      expect(refreshes[0]!.sent.refresh_token).toBe(traffic.tokens[0]!.body.refresh_token);
      expect(refreshes[0]!.body.refresh_token).not.toBe(refreshes[0]!.sent.refresh_token);
      // No `scope` in the refresh: the new token keeps every permission of the login.
      expect(refreshes[0]!.sent).not.toHaveProperty('scope');
      const renewed = jwtPayload(String(refreshes[0]!.body.access_token));
      // Every permission the page asks for by default (alice's role grants all four).
      expect(renewed.scope).toBe('read:contacts write:contacts read:calendar write:calendar');
      expect(renewed.scope).toBe(jwtPayload(before).scope);
      expect(Number(renewed.exp)).toBeGreaterThan(Number(jwtPayload(before).exp));
      expect((await callApi(page, 'Calendar')).status).toBe('200');
      expect(problems).toEqual([]);
    });

    it('a reload keeps alice signed in through a top-level prompt=none redirect, without the login page', async () => {
      const { page, traffic, navigations, problems } = main!;
      const [navigated, authorized] = [navigations.length, traffic.authorize.length];
      const started = performance.now();
      await page.reload();
      await page.locator('#session-status', { hasText: SIGNED_IN }).waitFor();
      timings.codeReloadMs = Math.round(performance.now() - started);
      // The tenant answered /authorize with a redirect straight back (no page of its own was shown).
      expect(navigations.slice(navigated).filter((url) => url.startsWith(urls.tenant))).toEqual([]);
      expect(
        traffic.authorize
          .slice(authorized)
          .map((url) => [url.searchParams.get('response_type'), url.searchParams.get('prompt')]),
      ).toEqual([['code', 'none']]);
      expect(page.url()).toBe(`${urls.spa}/`);
      expect((await callApi(page, 'Contacts')).status).toBe('200');
      expect(await storageOf(page)).toEqual({ session: tabKey(), local: SIGNED_IN_HINT, cookie: '' });
      expect(problems).toEqual([]);
    });

    it('single sign-on and single logout between two tabs: the second signs in by itself; after "Log out" in the first, its next renewal fails and it shows signed out', async () => {
      const { page, context, traffic, problems } = main!;
      // The last case of the shared tab: it is closed with this case.
      onTestFinished(() => context.close());
      const other = await context.newPage();
      const otherHops: string[] = [];
      other.on('framenavigated', (frame) => frame === other.mainFrame() && otherHops.push(frame.url()));
      await other.goto(urls.spa);
      await other.locator('#session-status', { hasText: SIGNED_IN }).waitFor();
      expect(otherHops.filter((url) => url.includes('/interaction/'))).toEqual([]);
      expect((await callApi(other, 'Contacts')).status).toBe('200');

      const refusedBefore = traffic.tokens.filter((t) => t.status === 400).length;
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(`${urls.spa}/`);
      const authorizedBefore = traffic.authorize.length;
      await settled(page);
      expect(await statusText(page)).toBe('Not signed in.');
      // Back from the logout, the hint is gone: the page does not ask the tenant again.
      expect(traffic.authorize.length).toBe(authorizedBefore);
      expect((await storageOf(page)).local).toEqual([]);

      // The other tab still holds an access token (a JWT stays valid until it expires); its next renewal is refused.
      await other
        .locator('#session-status', { hasText: 'Not signed in.' })
        .waitFor({ timeout: (TOKEN_SECONDS + 5) * 1000 });
      expect(await other.locator('#auth-message').textContent()).toContain(ENDED);
      expect(await other.getByTestId('session-check').textContent()).toContain('invalid_grant');
      expect(traffic.tokens.filter((t) => t.status === 400).slice(refusedBefore)).toEqual([
        expect.objectContaining({
          grantType: 'refresh_token',
          body: expect.objectContaining({ error: 'invalid_grant' }),
        }),
      ]);
      expect(await other.getByRole('button', { name: 'Log in' }).isVisible()).toBe(true);
      expect((await callApi(other, 'Contacts')).status).toBe('401');
      expect(problems).toEqual([]);
    });

    it('a refresh token used twice ends the login: the replay is refused, the SPA signs out at its next renewal, and the tenant session gives a new login', async () => {
      const { page, traffic, problems } = await freshTab('reuse');
      await openSpa(page, urls.spa);
      await logIn(page, urls, alice, 'Accept if asked');
      expect(await statusText(page)).toBe(SIGNED_IN);
      // Wait for the SPA's own first renewal: the refresh token from the code exchange is then used up.
      await renewalLine(page, 'before expiry');
      const first = String(traffic.tokens.find((t) => t.grantType === 'authorization_code')!.body.refresh_token);

      // Someone who copied that first refresh token presents it again.
      const replay = await fetch(`${urls.tenant}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'refresh_token', client_id: 'organizer-spa', refresh_token: first }),
      });
      expect(replay.status).toBe(400);
      expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
      if (dpop) {
        // Bound to the tab's key, the copy is refused before the tenant even looks at its use: the login goes on.
        await page.getByRole('button', { name: 'Check session' }).click();
        await renewalLine(page, '"Check session"');
        expect(await statusText(page)).toBe(SIGNED_IN);
        expect(problems).toEqual([]);
        return;
      }

      // The tenant revoked the whole login, so the SPA's current refresh token fails too.
      await page.getByRole('button', { name: 'Check session' }).click();
      await page.locator('#session-status', { hasText: 'Not signed in.' }).waitFor();
      expect(await page.locator('#auth-message').textContent()).toContain(ENDED);
      expect(await page.getByTestId('session-check').textContent()).toContain('Last renewal at');

      // Theft ends the token family, not the tenant session: a silent sign-in starts a new family.
      await page.getByRole('button', { name: 'Check session' }).click();
      await page.locator('#session-status', { hasText: SIGNED_IN }).waitFor();
      expect(problems).toEqual([]);
    });

    it('a 401 invalid_token from a service (renewal timer late, as in a sleeping tab) gets one renewal and one retry', async () => {
      const { page, traffic, problems, context } = await freshTab('retry-after-401');
      const answers: number[] = [];
      context.on('response', (response) => {
        if (response.url().startsWith(`${urls.contacts}/api/contacts`)) answers.push(response.status());
      });
      await page.clock.install();
      await openSpa(page, urls.spa);
      await logIn(page, urls, alice, 'Accept if asked');
      // The page's timers stop here; the real clock runs on until the services see the token as expired.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
      const exp = Number(jwtPayload(String(traffic.tokens.at(-1)!.body.access_token)).exp);
      // express-oauth2-jwt-bearer allows 5 s of clock skew.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, (exp + 6) * 1000 - Date.now())));
      const refreshesBefore = traffic.tokens.filter((t) => t.grantType === 'refresh_token').length;
      // The list the page loaded by itself after the sign-in answered 200 already; only this click counts.
      expect(answers).toEqual([200]);
      answers.length = 0;

      const contacts = await callApi(page, 'Contacts');
      expect(contacts.status).toBe('200');
      expect(answers).toEqual([401, 200]);
      expect(traffic.tokens.filter((t) => t.grantType === 'refresh_token').length).toBe(refreshesBefore + 1);
      expect(await page.getByTestId('session-check').textContent()).toMatch(/after a 401 invalid_token \(\d+ ms\)/);
      await page.clock.resume();
      expect(problems.filter((line) => !line.includes('status of 401'))).toEqual([]);
    });

    it("control: in this same setting the implicit flow's silent checkSession fails, so a reload signs the user out; the code flow's reload restores the session", async () => {
      const { page, problems, navigations } = await freshTab('implicit-control');
      await openSpa(page, urls.spa, 'implicit');
      const started = performance.now();
      // The login itself is a top-level navigation: it works, and the tenant session exists afterwards.
      await logIn(page, urls, alice, 'Accept if asked');
      const contacts = await callApi(page, 'Contacts');
      timings.implicitLoginRoundTripMs = Math.round(performance.now() - started);
      expect(await statusText(page)).toBe(SIGNED_IN);
      expect(contacts.status).toBe('200');

      const before = navigations.length;
      await page.reload();
      await page.getByTestId('session-check').filter({ hasText: 'login_required' }).waitFor();
      expect(await statusText(page)).toBe('Not signed in.');
      // checkSession ran in the hidden iframe (no top-level trip to the tenant), which got no tenant cookie.
      expect(navigations.slice(before).filter((url) => url.startsWith(urls.tenant))).toEqual([]);

      await chooseFlow(page, 'code');
      await page.locator('#session-status', { hasText: SIGNED_IN }).waitFor();
      expect(navigations.slice(before).filter((url) => url.includes('/interaction/'))).toEqual([]);
      expect(problems).toEqual([]);
    });

    it('an unsolicited ?code response is ignored and never exchanged; declining consent shows the tenant’s answer', async () => {
      const { page, traffic, problems } = await freshTab('code-unsolicited');
      await page.goto(
        `${urls.spa}/?code=stolen-or-made-up&state=made-up-state&error_description=${encodeURIComponent('Call +1 555 0100')}`,
      );
      await page
        .locator('#auth-message', {
          hasText: 'A sign-in response arrived that this page did not ask for; it was ignored.',
        })
        .waitFor();
      expect(await statusText(page)).toBe('Not signed in.');
      expect(page.url()).toBe(`${urls.spa}/`);
      expect(traffic.tokens).toEqual([]);
      expect(await page.locator('body').textContent()).not.toContain('555 0100');

      await openSpa(page, urls.spa);
      await logIn(page, urls, bob, 'Decline');
      expect(await statusText(page)).toBe('Not signed in.');
      const message = (await page.locator('#auth-message').textContent()) ?? '';
      expect(message).toContain('access_denied');
      expect(message).toContain('The user declined the consent request.');
      expect(traffic.tokens).toEqual([]);
      expect(problems).toEqual([]);
    });
  },
);
