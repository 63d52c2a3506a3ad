// What a newcomer does, in a real Chromium against the real tenant, services and SPA (`pnpm dev`, every
// part on a free port), in the guide's implicit flow (the "Implicit" radio; browser-flows.test.ts covers the
// default code flow).
// The cases run in order against one fresh tenant: it remembers consent per user (as Auth0 does), so the
// cases that need the consent page (alice accepts, bob declines) come before the others.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '@organizer/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchChromium, openTab, screenshot, type Tab } from './e2e/browser.ts';
import { alice, bob, callApi, chooseScopes, logIn, openSpa, statusText, waitForQuietChecks } from './e2e/flows.ts';
import { type StackOnFreePorts, type StackUrls, startStackOnFreePorts } from './e2e/stack.ts';

const results = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
const states = join(results, 'states');
const lookup = findChromium(process.env);
const inCi = process.env.CI === 'true';
const LOCAL_SAMPLE_ENV = {
  AUTH0_DOMAIN: '',
  AUTH0_CLIENT_ID: 'organizer-spa',
  AUTH0_AUDIENCE: 'organize',
  // Short, so that the timer's single sign-on and single logout can be seen within a test (default 900).
  SPA_CHECK_SESSION_SECONDS: '2',
  AUDIENCE: 'organize',
};

if (!lookup.found && !inCi) {
  console.warn(`Browser tests skipped: ${lookup.message}`);
}

describe.skipIf(!lookup.found && !inCi)('the SPA in a real browser', () => {
  let stack: StackOnFreePorts | undefined;
  // Where startStackOnFreePorts put the SPA (SPA_ORIGIN), the tenant and the services.
  let urls: StackUrls = { spa: '', tenant: '', contacts: '', calendar: '' };
  let browser: Browser | undefined;
  const timings: Record<string, number> = {};
  const tabs: Tab[] = [];

  beforeAll(async () => {
    if (!lookup.found) throw new Error(`CI=true and ${lookup.message}`);
    // The local tenant and its demo users, whatever a developer's .env says (a process variable wins over it).
    stack = await startStackOnFreePorts({ ...process.env, ...LOCAL_SAMPLE_ENV });
    urls = stack.urls;
    timings.devReadySeconds = Number(stack.readySeconds.toFixed(2));
    browser = await launchChromium(lookup.path);
  });

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
    await mkdir(results, { recursive: true });
    await writeFile(join(results, 'browser-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    console.info(`browser tests: ${JSON.stringify(timings)}`);
  });

  /**
   * A fresh browser context (no cookies) with console watching, a screenshot if the test fails, and closed
   * when the test ends: an open tab of the implicit flow runs a silent check every 2 s, in Chromium and at the tenant.
   */
  async function freshTab(name: string): Promise<Tab> {
    if (!browser) throw new Error('browser not started');
    const tab = await openTab(browser, { apiOrigins: [urls.contacts, urls.calendar] });
    tabs.push(tab);
    onTestFinished(async ({ task }) => {
      if (task.result?.state === 'fail') {
        const path = await screenshot(tab.page, results, `failed-${name}`);
        console.error(
          `screenshot of the failing test: ${path}\nproblems: ${tab.problems.join('\n') || 'none'}\npnpm dev log tail:\n${stack?.log().slice(-3000)}`,
        );
      }
      await tab.context.close();
    });
    return tab;
  }

  it('alice logs in, consents, and both calls show 200 with her data', async () => {
    const { page, problems } = await freshTab('alice');
    await openSpa(page, urls.spa, 'implicit');
    expect(await statusText(page)).toBe('Not signed in.');
    await screenshot(page, states, 'logged-out');

    // The login round trip: "Log in" clicked to the first API result shown, through login and consent.
    const started = performance.now();
    await logIn(
      page,
      urls,
      alice,
      'Accept',
      (step) => (timings[`${step}Ms`] = Math.round(performance.now() - started)),
    );
    const contacts = await callApi(page, 'Contacts');
    timings.implicitLoginRoundTripMs = Math.round(performance.now() - started);

    expect(await statusText(page)).toBe('Signed in as Alice Example.');
    // Her data: each service answers with records it keeps for the token's subject.
    const sub = ((await page.locator('#user code').first().textContent()) ?? '').trim();
    expect(sub).not.toBe('');
    expect(contacts.status).toBe('200');
    expect(contacts.text).toContain('HTTP 200');
    expect(contacts.text).toContain(sub);
    const calendar = await callApi(page, 'Calendar');
    expect(calendar.status).toBe('200');
    expect(calendar.text).toContain('HTTP 200');
    expect(calendar.text).toContain(sub);
    // The claims the page shows come from alice's access token.
    const claims = (await page.locator('#claims').textContent()) ?? '';
    expect(claims).toContain('organize');
    expect(claims).toContain('read:contacts');
    expect(claims).toContain('read:calendar');
    expect(claims).toContain(`${urls.tenant}/`);
    // Tokens were in the fragment only for a moment: the address bar is clean again.
    expect(page.url()).toBe(`${urls.spa}/`);
    await screenshot(page, states, 'logged-in');
    expect(problems).toEqual([]);
  });

  it('declining consent shows the error and leaves the user signed out', async () => {
    const { page, problems } = await freshTab('decline');
    await openSpa(page, urls.spa, 'implicit');
    await logIn(page, urls, bob, 'Decline');
    expect(await statusText(page)).toBe('Not signed in.');
    const message = (await page.locator('#auth-message').textContent()) ?? '';
    expect(message).toContain('access_denied');
    // The answer to this page's own request: the tenant's words are shown.
    expect(message).toContain('The user declined the consent request.');
    expect(await page.getByRole('button', { name: 'Log in' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(false);
    expect(page.url()).toBe(`${urls.spa}/`);
    await screenshot(page, states, 'consent-declined');
    expect(problems).toEqual([]);
  });

  it('an authorization response this page did not ask for is ignored, and none of its text is shown', async () => {
    const { page, problems } = await freshTab('unsolicited');
    await openSpa(page, urls.spa, 'implicit');
    const bait = 'Your account is locked. Call +1 555 0100 now';
    const forged = [
      `#error=access_denied&error_description=${encodeURIComponent(bait)}&state=made-up-state`,
      `#error=access_denied&error_description=${encodeURIComponent(bait)}`,
      `#error=${encodeURIComponent(bait)}&state=made-up-state`,
      '#access_token=forged&id_token=forged&token_type=Bearer&state=made-up-state',
    ];
    for (const fragment of forged) {
      await page.goto('about:blank');
      await page.goto(`${urls.spa}/${fragment}`);
      const notice = page.locator('#auth-message', {
        hasText: 'A sign-in response arrived that this page did not ask for; it was ignored.',
      });
      await notice.waitFor();
      // The page then carries on as if opened normally: its silent check runs and finds no session.
      await page.getByTestId('session-check').filter({ hasText: 'login_required' }).waitFor();
      expect(await page.locator('body').textContent(), fragment).not.toContain(bait);
      expect(await notice.isVisible(), fragment).toBe(true);
      expect(await statusText(page)).toBe('Not signed in.');
      expect(page.url()).toBe(`${urls.spa}/`);
    }
    expect(problems).toEqual([]);
  });

  it('opened at 127.0.0.1 instead of its origin (localhost, same port), the page says at once to open SPA_ORIGIN and starts nothing', async () => {
    const { page, problems, navigations } = await freshTab('wrong-origin');
    const toTenant: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(urls.tenant)) toTenant.push(request.url());
    });
    const started = performance.now();
    // The same server by its IP address: SPA_ORIGIN is http://localhost:<port>.
    const wrongOrigin = urls.spa.replace('//localhost:', '//127.0.0.1:');
    await page.goto(`${wrongOrigin}/`);
    const notice = page.getByRole('alert').filter({ hasText: `Open ${urls.spa} instead` });
    // As soon as the page's code runs (the time is mostly Vite serving the page on a busy machine).
    await notice.waitFor({ timeout: 10_000 });
    timings.wrongOriginNoticeMs = Math.round(performance.now() - started);
    expect(await notice.textContent()).toContain(`This page is open at ${wrongOrigin}`);
    expect(await notice.getByRole('link', { name: urls.spa }).getAttribute('href')).toBe(`${urls.spa}/`);
    for (const name of ['Log in', 'Check session', 'Call Contacts API', 'Call Calendar API']) {
      expect(await page.getByRole('button', { name }).isDisabled(), name).toBe(true);
    }
    // No silent check was started (it would wait for an answer that cannot come), nothing went to the tenant.
    expect(await page.getByTestId('session-check').textContent()).toBe('');
    expect(toTenant).toEqual([]);
    expect(navigations.filter((url) => url.startsWith(urls.tenant))).toEqual([]);
    await screenshot(page, states, 'wrong-origin');
    expect(problems).toEqual([]);
  });

  it("bob's calendar call shows 403 insufficient_scope while his contacts call works", async () => {
    const { page, problems } = await freshTab('bob');
    await openSpa(page, urls.spa, 'implicit');
    await logIn(page, urls, bob, 'Accept if asked');
    expect(await statusText(page)).toBe('Signed in as Bob Example.');
    const contacts = await callApi(page, 'Contacts');
    expect(contacts.status).toBe('200');
    const calendar = await callApi(page, 'Calendar');
    expect(calendar.status).toBe('403');
    expect(calendar.text).toContain('HTTP 403');
    expect(calendar.text).toContain('insufficient_scope');
    expect(calendar.text).toContain(
      'Your role does not grant read:calendar (you asked for it; the tenant left it out).',
    );
    expect(calendar.text).not.toContain('You did not ask for');
    await screenshot(page, states, 'error-403');
    expect(problems).toEqual([]);
  });

  it('asking only for read:contacts makes the calendar call 403', async () => {
    const { page, problems } = await freshTab('least-privilege');
    await openSpa(page, urls.spa, 'implicit');
    await chooseScopes(page, ['read:contacts']);
    await logIn(page, urls, alice, 'Accept if asked');
    const claims = (await page.locator('#claims').textContent()) ?? '';
    expect(claims).toContain('read:contacts');
    expect(claims).not.toContain('read:calendar');
    expect((await callApi(page, 'Contacts')).status).toBe('200');
    const calendar = await callApi(page, 'Calendar');
    expect(calendar.status).toBe('403');
    expect(calendar.text).toContain('insufficient_scope');
    expect(calendar.text).toContain(
      'You did not ask for read:calendar when you logged in: log out, tick it and log in again.',
    );
    expect(calendar.text).not.toContain('Your role does not grant');
    expect(problems).toEqual([]);
  });

  it('a reload keeps the session through a silent checkSession, without a second login; another tab signs in by itself (SSO)', async () => {
    const { page, problems, navigations } = await freshTab('reload');
    // A second tab of the same browser, opened before anyone signs in.
    const other = await page.context().newPage();
    await openSpa(other, urls.spa, 'implicit');
    expect(await statusText(other)).toBe('Not signed in.');

    await openSpa(page, urls.spa, 'implicit');
    await logIn(page, urls, alice, 'Accept if asked');
    const before = navigations.length;
    const started = performance.now();
    await page.reload();
    await page.locator('#session-status', { hasText: 'Signed in as Alice Example.' }).waitFor();
    timings.implicitReloadMs = Math.round(performance.now() - started);
    // The top-level page never went back to the tenant: the session came back in the hidden iframe.
    expect(navigations.slice(before).filter((url) => url.startsWith(urls.tenant))).toEqual([]);
    expect((await callApi(page, 'Contacts')).status).toBe('200');

    // Single sign-on: the other tab's timer check finds the new tenant session and signs in without a click.
    await other.locator('#session-status', { hasText: 'Signed in as Alice Example.' }).waitFor({ timeout: 10_000 });
    expect(await other.locator('#auth-message').textContent()).toContain('single sign-on');
    expect(problems).toEqual([]);
  });

  it('"Log out" signs out at the tenant, and a later silent check reports login_required', async () => {
    const { page, problems } = await freshTab('logout');
    await openSpa(page, urls.spa, 'implicit');
    await logIn(page, urls, alice, 'Accept if asked');
    // A second tab of the same browser, signed in on load through the tenant session (SSO).
    const other = await page.context().newPage();
    await openSpa(other, urls.spa, 'implicit');
    expect(await statusText(other)).toBe('Signed in as Alice Example.');
    await waitForQuietChecks([page]);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${urls.spa}/`);
    await page.getByTestId('session-check').filter({ hasText: 'login_required' }).waitFor();
    expect(await statusText(page)).toBe('Not signed in.');
    expect(await page.getByRole('button', { name: 'Log in' }).isVisible()).toBe(true);
    // An explicit check ("Check session") still finds no session at the tenant.
    await page.getByRole('button', { name: 'Check session' }).click();
    await page.getByTestId('session-check').filter({ hasText: 'login_required' }).waitFor();
    const contacts = await callApi(page, 'Contacts');
    expect(contacts.status).toBe('401');
    // Single logout: the other tab's timer check finds the tenant session gone and signs out without a click.
    await other.locator('#session-status', { hasText: 'Not signed in.' }).waitFor({ timeout: 10_000 });
    expect(await other.locator('#auth-message').textContent()).toContain('single logout');
    expect(await other.getByRole('button', { name: 'Log in' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});
