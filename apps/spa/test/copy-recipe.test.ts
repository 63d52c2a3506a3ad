// The README's "Log in from your own SPA", followed as written in an empty folder outside the repository
// (packages from the npm registry, the login folder copied from this checkout), then driven in Chromium
// against the real local tenant and both services, started with SPA_ORIGIN=http://localhost:5173 as the
// README says. The recipe's page is at Vite's default port, so this is the one file that uses 5173.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { copyRecipeBlocks, findChromium, freePort, shellEnv } from '@organizer/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openTab, type Tab } from './e2e/browser.ts';

const repoRoot = findRepoRoot();
const lookup = findChromium(process.env);
const inCi = process.env.CI === 'true';
const PAGE = 'http://localhost:5173';

interface Running {
  child: ChildProcess;
  output(): string;
}

/** A command in its own process group (npx, pnpm and tsx start children), with its output kept. */
function launch(command: string, cwd: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn('sh', ['-e', '-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function stop(running: Running | undefined): Promise<void> {
  const { child } = running ?? {};
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

async function waitFor(url: string, running: Running, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (
    !(await fetch(url).then(
      (response) => response.ok,
      () => false,
    ))
  ) {
    if (running.child.exitCode !== null)
      throw new Error(`exited with ${running.child.exitCode} before ${url} answered:\n${running.output()}`);
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(!lookup.found && !inCi)('README: Log in from your own SPA', () => {
  let dir: string | undefined;
  const parts: Running[] = [];
  let browser: Browser | undefined;
  let tab: Tab | undefined;
  let tenant = '';
  /** Every request of the tab's context: a prompt=none round trip is redirects only, never a page of its own. */
  const requests: string[] = [];

  beforeAll(async () => {
    if (!lookup.found) throw new Error(`CI=true and ${lookup.message}`);
    const blocks = await copyRecipeBlocks(join(repoRoot, 'README.md'), 'log-in-from-your-spa');
    // The shape the README promises: setup commands, files each named by its first line, one start command.
    expect([blocks[0]?.lang, blocks.at(-1)?.lang]).toEqual(['sh', 'sh']);
    const files = blocks
      .slice(1, -1)
      .map((block) => ({ name: /^(?:\/\/|<!--) (\S+)/.exec(block.body)?.[1], body: block.body }));
    expect(files.map((file) => file.name)).toEqual(['index.html', 'main.ts']);
    // The copier's own code stays short: the login itself is the copied folder.
    expect(files.reduce((lines, file) => lines + file.body.trimEnd().split('\n').length, 0)).toBeLessThanOrEqual(60);
    const command = blocks.at(-1)?.body.trim() ?? '';
    expect(command.split('\n')).toHaveLength(1);

    dir = await mkdtemp(join(tmpdir(), 'organizer-spa-recipe-'));
    expect(relative(repoRoot, dir).startsWith('..')).toBe(true);
    const setup = launch(blocks[0]?.body ?? '', dir, shellEnv({ ORGANIZER: repoRoot }));
    const [code] = (await once(setup.child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the setup commands failed (exit ${code}):\n${setup.output()}`);
    for (const file of files) await writeFile(join(dir, file.name ?? ''), file.body);

    // The sample's tenant and services, on free ports, accepting the recipe's page as their SPA.
    const [tenantPort, contactsPort, calendarPort] = [await freePort(), await freePort(), await freePort()];
    tenant = `http://localhost:${tenantPort}`;
    const common = {
      AUTH0_DOMAIN: '',
      LOCAL_TENANT_URL: tenant,
      ISSUER_BASE_URL: `${tenant}/`,
      AUDIENCE: 'organize',
      SPA_ORIGIN: PAGE,
    };
    const start = (app: string, env: Record<string, string>) => {
      const running = launch(`pnpm --silent --filter ./apps/${app} start`, repoRoot, {
        ...process.env,
        ...common,
        ...env,
      });
      parts.push(running);
      return running;
    };
    const dataDir = join(dir, 'service-data');
    await Promise.all([
      waitFor(`${tenant}/.well-known/openid-configuration`, start('local-tenant', { PORT: String(tenantPort) })),
      waitFor(
        `http://localhost:${contactsPort}/health`,
        start('contacts', { PORT: String(contactsPort), DATA_DIR: join(dataDir, 'contacts') }),
      ),
      waitFor(
        `http://localhost:${calendarPort}/health`,
        start('calendar', { PORT: String(calendarPort), DATA_DIR: join(dataDir, 'calendar') }),
      ),
    ]);

    // The recipe's start command, with the tenant and services it is to talk to (the VITE_* variables of main.ts).
    const page = launch(
      command,
      dir,
      shellEnv({
        VITE_AUTH0_DOMAIN: tenant,
        VITE_CONTACTS_API_URL: `http://localhost:${contactsPort}/api/contacts`,
        VITE_CALENDAR_API_URL: `http://localhost:${calendarPort}/api/calendar`,
      }),
    );
    parts.push(page);
    await waitFor(`${PAGE}/`, page);
    browser = await launchChromium(lookup.path);
    tab = await openTab(browser);
    tab.context.on('request', (request) => requests.push(request.url()));
  }, 240_000);

  afterAll(async () => {
    await tab?.context.close().catch(() => undefined);
    await browser?.close();
    for (const part of parts.reverse()) await stop(part);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const status = () => tab!.page.locator('#status');

  async function call(api: 'Contacts' | 'Calendar'): Promise<string> {
    const { page } = tab!;
    await page.evaluate(() => ((document.getElementById('result') as HTMLElement).textContent = ''));
    await page.getByRole('button', { name: `Call ${api} API` }).click();
    await page.locator('#result', { hasText: 'HTTP' }).waitFor();
    return (await page.locator('#result').textContent()) ?? '';
  }

  it('a first visit is signed out at once, without a trip to the tenant', async () => {
    const { page, navigations } = tab!;
    await page.goto(`${PAGE}/`);
    await status().filter({ hasText: 'Not signed in' }).waitFor();
    expect(navigations).toEqual([`${PAGE}/`]);
    expect(await page.getByRole('button', { name: 'Log in' }).isVisible()).toBe(true);
  });

  it('logs in as alice at the tenant, and both calls answer 200 with her token', async () => {
    const { page } = tab!;
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByLabel('Email').fill('alice@example.com');
    await page.getByLabel('Password').fill('alice-demo-pw');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await status().filter({ hasText: 'Signed in as Alice Example' }).waitFor();
    expect(page.url()).toBe(`${PAGE}/`);
    expect(await call('Contacts')).toMatch(/^contacts: HTTP 200\n\{"owner":/);
    expect(await call('Calendar')).toMatch(/^calendar: HTTP 200\n\{"owner":/);
  });

  it('a reload restores the session through the tenant without the login page', async () => {
    const { page } = tab!;
    const before = requests.length;
    await page.reload();
    await status().filter({ hasText: 'Signed in as Alice Example' }).waitFor();
    const sent = requests.slice(before);
    expect(sent.filter((url) => url.includes('/interaction/'))).toEqual([]);
    expect(
      sent
        .filter((url) => url.startsWith(`${tenant}/authorize?`))
        .map((url) => new URL(url).searchParams.get('prompt')),
    ).toEqual(['none']);
    expect(await call('Contacts')).toContain('HTTP 200');
  });

  it('logs out: signed out, the calls answer 401, and a reload stays signed out without asking the tenant', async () => {
    const { page, navigations, problems } = tab!;
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${PAGE}/`);
    await status().filter({ hasText: 'Not signed in' }).waitFor();
    expect(await call('Contacts')).toContain('HTTP 401');
    const before = navigations.length;
    const sentBefore = requests.length;
    await page.reload();
    await status().filter({ hasText: 'Not signed in' }).waitFor();
    expect(navigations.slice(before)).toEqual([`${PAGE}/`]);
    expect(requests.slice(sentBefore).filter((url) => url.startsWith(tenant))).toEqual([]);
    // Chromium logs the 401 it was shown, and the icon the recipe's page does not have; nothing else went wrong.
    expect(problems.filter((line) => !line.includes('status of 401') && !line.includes('/favicon.ico)'))).toEqual([]);
  });
});
