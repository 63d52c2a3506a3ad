// The services' data in a real Chromium against `pnpm dev` (tenant, services, SPA, each on a free port): alice adds and deletes a
// contact and an appointment, keeps them across a reload, carol never sees them, bob is refused when adding.

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findRepoRoot } from '@organizer/env';
import { findChromium } from '@organizer/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchChromium, openTab, screenshot, type Tab } from './e2e/browser.ts';
import { alice, bob, type Credentials, callApi, logIn, openSpa, statusText } from './e2e/flows.ts';
import { type StackOnFreePorts, type StackUrls, startStackOnFreePorts } from './e2e/stack.ts';

const run = promisify(execFile);
const results = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
const lookup = findChromium(process.env);
const inCi = process.env.CI === 'true';
const carol: Credentials = { email: 'carol@example.com', password: 'carol-demo-pw' };

/** The latest API result as the panel shows it: its status attribute and text. */
async function latest(page: Page, method: string): Promise<{ status: string; text: string }> {
  const panel = page.getByTestId('api-result');
  await panel.locator('.result-head', { hasText: method }).waitFor();
  return { status: (await panel.getAttribute('data-status')) ?? '', text: (await panel.textContent()) ?? '' };
}

/** The names or titles the page lists, in order. */
async function listed(page: Page, api: 'contacts' | 'calendar'): Promise<string[]> {
  return page.locator(`#${api}-list li strong`).allTextContents();
}

/** A datetime-local value `days` from now at `hour`:00, as a person types it. */
function localTime(days: number, hour: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
}

if (!lookup.found && !inCi) console.warn(`Browser tests skipped: ${lookup.message}`);

describe.skipIf(!lookup.found && !inCi)("the services' data in a real browser", () => {
  let stack: StackOnFreePorts | undefined;
  let urls: StackUrls = { spa: '', tenant: '', contacts: '', calendar: '' };
  let browser: Browser | undefined;
  let dataDir = '';
  const tabs: Tab[] = [];
  // A name no demo data has, so that "carol never sees it" cannot pass by accident.
  const contactName = `Hedy Lamarr ${process.pid}`;
  const appointmentTitle = `Patent review ${process.pid}`;

  beforeAll(async () => {
    if (!lookup.found) throw new Error(`CI=true and ${lookup.message}`);
    // Fresh data for this run, wherever a developer's own DATA_DIR points.
    dataDir = await mkdtemp(join(tmpdir(), 'organizer-data-browser-'));
    stack = await startStackOnFreePorts({
      ...process.env,
      AUTH0_DOMAIN: '',
      AUTH0_CLIENT_ID: 'organizer-spa',
      AUTH0_AUDIENCE: 'organize',
      AUDIENCE: 'organize',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
    });
    urls = stack.urls;
    browser = await launchChromium(lookup.path);
  });

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function signedIn(name: string, who: Credentials): Promise<Tab> {
    if (!browser) throw new Error('browser not started');
    const tab = await openTab(browser, { apiOrigins: [urls.contacts, urls.calendar] });
    tabs.push(tab);
    // Closed when the test ends (after a screenshot if it failed): later tests sign in tabs of their own.
    onTestFinished(async ({ task }) => {
      if (task.result?.state === 'fail') {
        const path = await screenshot(tab.page, results, `failed-data-${name}`);
        console.error(
          `screenshot: ${path}\nproblems: ${tab.problems.join('\n') || 'none'}\npnpm dev log tail:\n${stack?.log().slice(-3000)}`,
        );
      }
      await tab.context.close();
    });
    await openSpa(tab.page, urls.spa);
    await logIn(tab.page, urls, who, 'Accept if asked');
    expect(await statusText(tab.page)).toMatch(/^Signed in as /);
    return tab;
  }

  it('alice adds a contact with the keyboard and an appointment, keeps them across a reload, then deletes both', async () => {
    const { page, problems } = await signedIn('alice', alice);
    // Signed in, the page loads both lists by itself; the result panel still waits for a click.
    await page.locator('#contacts-list li', { hasText: 'Grace Hopper' }).waitFor();
    expect(await page.getByTestId('api-result').textContent()).toContain('No call yet');
    expect((await callApi(page, 'Contacts')).status).toBe('200');
    expect(await listed(page, 'contacts')).toContain('Grace Hopper');

    // Keyboard only: labelled fields, Tab between them, Enter submits.
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type(contactName);
    await page.keyboard.press('Tab');
    await page.keyboard.type('hedy@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('+1 555 0100');
    await page.keyboard.press('Enter');
    const added = await latest(page, 'POST');
    expect(added.status).toBe('201');
    expect(added.text).toContain(contactName);
    await page.locator('#contacts-status', { hasText: `Added ${contactName}.` }).waitFor();
    expect((await listed(page, 'contacts')).at(-1)).toBe(contactName);

    expect((await callApi(page, 'Calendar')).status).toBe('200');
    await page.getByLabel('Title', { exact: true }).fill(appointmentTitle);
    await page.getByLabel('Start', { exact: true }).fill(localTime(3, 9));
    await page.getByLabel('End', { exact: true }).fill(localTime(3, 10));
    await page.getByRole('button', { name: 'Add appointment' }).click();
    expect((await latest(page, 'POST')).status).toBe('201');
    await page.locator('#calendar-status', { hasText: `Added ${appointmentTitle}.` }).waitFor();
    expect(await listed(page, 'calendar')).toContain(appointmentTitle);
    await screenshot(page, join(results, 'states'), 'data-added');

    // A reload forgets everything but the session; the services kept the data, and the lists come back by themselves.
    await page.reload();
    await page.waitForFunction(() =>
      (document.getElementById('session-status')?.textContent ?? '').startsWith('Signed in'),
    );
    await page.locator('#contacts-list li', { hasText: contactName }).waitFor();
    await page.locator('#calendar-list li', { hasText: appointmentTitle }).waitFor();
    await callApi(page, 'Contacts');
    expect(await listed(page, 'contacts')).toContain(contactName);
    await callApi(page, 'Calendar');
    expect(await listed(page, 'calendar')).toContain(appointmentTitle);

    // Delete with the keyboard: the button is reachable and named after the item.
    await page.getByRole('button', { name: `Delete ${contactName}` }).focus();
    await page.keyboard.press('Enter');
    expect((await latest(page, 'DELETE')).status).toBe('204');
    await page.locator('#contacts-status', { hasText: `Deleted ${contactName}.` }).waitFor();
    expect(await listed(page, 'contacts')).not.toContain(contactName);
    // Focus stayed in the list rather than falling back to the page.
    expect(await page.evaluate(() => document.activeElement?.closest('#contacts-list, #contacts-form') !== null)).toBe(
      true,
    );

    await page.getByRole('button', { name: `Delete ${appointmentTitle}` }).click();
    expect((await latest(page, 'DELETE')).status).toBe('204');
    await page.locator('#calendar-status', { hasText: `Deleted ${appointmentTitle}.` }).waitFor();
    expect(await listed(page, 'calendar')).not.toContain(appointmentTitle);

    // The services agree: a fresh read no longer lists them.
    await callApi(page, 'Contacts');
    expect(await listed(page, 'contacts')).not.toContain(contactName);
    expect(problems).toEqual([]);
  });

  it("carol never sees alice's contact", async () => {
    const mine = await signedIn('alice-again', alice);
    await callApi(mine.page, 'Contacts');
    await mine.page.getByLabel('Name', { exact: true }).fill(`${contactName} (kept)`);
    await mine.page.getByLabel('Email', { exact: true }).fill('hedy@example.com');
    await mine.page.getByRole('button', { name: 'Add contact' }).click();
    expect((await latest(mine.page, 'POST')).status).toBe('201');

    const { page, problems } = await signedIn('carol', carol);
    expect((await callApi(page, 'Contacts')).status).toBe('200');
    const names = await listed(page, 'contacts');
    expect(names).toContain('Grace Hopper');
    expect(names.filter((name) => name.startsWith(contactName))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("a list longer than a page comes in pages: carol's 50 more contacts behind “Show more contacts”", async () => {
    // carol's token from the command line (pnpm access-token), for 50 contacts added straight to the service.
    const { stdout } = await run('pnpm', ['--silent', 'access-token', 'carol'], {
      cwd: findRepoRoot(),
      env: { ...process.env, AUTH0_DOMAIN: '', LOCAL_TENANT_URL: urls.tenant, SPA_ORIGIN: urls.spa },
    });
    const token = stdout.trim().split('\n').at(-1) ?? '';
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    for (let n = 0; n < 50; n++) {
      const body = JSON.stringify({ name: `Paged ${String(n).padStart(2, '0')}`, email: `paged${n}@example.com` });
      expect((await fetch(`${urls.contacts}/api/contacts`, { method: 'POST', headers, body })).status).toBe(201);
    }
    const { page, problems } = await signedIn('carol-pages', carol);
    expect((await callApi(page, 'Contacts')).status).toBe('200');
    const more = page.getByRole('button', { name: 'Show more contacts' });
    await more.waitFor();
    const first = await listed(page, 'contacts');
    expect(first).toHaveLength(50);
    await more.click();
    await more.waitFor({ state: 'hidden' });
    const all = await listed(page, 'contacts');
    expect(all.slice(0, 50)).toEqual(first);
    expect(all.filter((name) => name.startsWith('Paged '))).toEqual(
      Array.from({ length: 50 }, (_, n) => `Paged ${String(n).padStart(2, '0')}`),
    );
    expect(new Set(all).size).toBe(all.length);
    expect(problems).toEqual([]);
  });

  it('bob reads contacts, and his add is refused: the page names write:contacts and says his role lacks it', async () => {
    const { page, problems } = await signedIn('bob', bob);
    expect((await callApi(page, 'Contacts')).status).toBe('200');
    const before = await listed(page, 'contacts');
    await page.getByLabel('Name', { exact: true }).fill('Mallory');
    await page.getByLabel('Email', { exact: true }).fill('mallory@example.com');
    await page.getByRole('button', { name: 'Add contact' }).click();
    const refused = await latest(page, 'POST');
    expect(refused.status).toBe('403');
    expect(refused.text).toContain('insufficient_scope');
    const status = page.locator('#contacts-status');
    await status.filter({ hasText: 'Not added.' }).waitFor();
    expect(await status.textContent()).toBe(
      'Not added. HTTP 403: this needs the permission write:contacts. Your role does not grant write:contacts (you asked for it; the tenant left it out).',
    );
    expect(await listed(page, 'contacts')).toEqual(before);
    await screenshot(page, join(results, 'states'), 'data-bob-refused');
    expect(problems).toEqual([]);
  });
});
