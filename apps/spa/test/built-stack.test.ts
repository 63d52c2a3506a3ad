// `pnpm build` then `pnpm start`: the same stack from the build, with plain node only, and the SPA's
// settings taken at serve time. `pnpm start` binds the sample's fixed ports (the contract: the same stack on
// the same ports as `pnpm dev`); no other test file uses them. Then the built SPA's own server started alone
// (`pnpm --filter ./apps/spa start:built`) at another origin, with the built tenant and services on free
// ports, in Chromium. The build is shared with deployment.test.ts (e2e/build.ts).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { findChromium, freePort } from '@organizer/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openTab, type Tab } from './e2e/browser.ts';
import { pnpmBuildOnce } from './e2e/build.ts';
import { type Part, startPart, waitFor } from './e2e/deployment.ts';
import { alice, callApi, logIn, openSpa, statusText } from './e2e/flows.ts';
import { freeStackPorts, type Stack, type StackUrls, startStack } from './e2e/stack.ts';

const root = findRepoRoot();
const SAME_ORIGIN_CONTACTS = 'http://localhost:3000/api/contacts';
const lookup = findChromium(process.env);
const inCi = process.env.CI === 'true';

/** The command lines of `pid` and every process below it, from /proc. */
async function processTree(pid: number): Promise<string[]> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const lines: string[] = [];
  const visit = async (id: number) => {
    const cmdline = await readFile(`/proc/${id}/cmdline`, 'utf8').catch(() => '');
    if (cmdline) lines.push(cmdline.split('\0').join(' ').trim());
    for (const child of children.get(id) ?? []) await visit(child);
  };
  await visit(pid);
  return lines;
}

function connectSrc(csp: string | null): string[] {
  return (
    (csp ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .find(([name]) => name === 'connect-src')
      ?.slice(1) ?? []
  );
}

describe('pnpm build, then pnpm start', () => {
  const { NODE_OPTIONS: _sourceCondition, ...plainEnv } = process.env;
  let stack: Stack | undefined;

  beforeAll(async () => {
    const build = await pnpmBuildOnce();
    expect(build.code, build.output).toBe(0);
    stack = await startStack(
      { ...process.env, AUTH0_DOMAIN: '', CONTACTS_API_URL: SAME_ORIGIN_CONTACTS },
      60_000,
      'start',
    );
    console.info(
      `pnpm build: ${build.seconds.toFixed(1)} s${build.shared ? " (the run's shared build)" : ''}; pnpm start ready in ${stack.readySeconds.toFixed(1)} s`,
    );
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('runs every part with plain node from dist/, and no tsx, Vite or TypeScript', async () => {
    if (!stack) throw new Error('stack not started');
    const commands = await processTree(stack.pid);
    const parts = commands.filter((line) => line.includes('dist/'));
    expect(parts.filter((line) => !line.startsWith('/bin/sh'))).toEqual([
      expect.stringMatching(/node dist\/src\/index\.js$/),
      expect.stringMatching(/node --max-semi-space-size=4 dist\/index\.js$/),
      expect.stringMatching(/node --max-semi-space-size=4 dist\/index\.js$/),
      expect.stringMatching(/node dist\/node\/server\/index\.js$/),
    ]);
    expect(commands.filter((line) => /tsx|vite|typescript|tsc|\.ts\b|--conditions/.test(line))).toEqual([]);
  });

  it('answers on the usual ports: the tenant, both services and the built page with its security headers', async () => {
    const discovery = await fetch('http://localhost:4000/.well-known/openid-configuration');
    expect(discovery.status).toBe(200);
    for (const url of ['http://localhost:3001/health', 'http://localhost:3002/health']) {
      const health = await fetch(url);
      expect([url, health.status]).toEqual([url, 200]);
    }
    const page = await fetch('http://localhost:3000/');
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves the settings of its environment as /config.json, and names the same services in the policy', async () => {
    const config = await fetch('http://localhost:3000/config.json');
    expect(config.status).toBe(200);
    expect(config.headers.get('cache-control')).toBe('no-store');
    expect(await config.json()).toMatchObject({ AUTH0_DOMAIN: '', CONTACTS_API_URL: SAME_ORIGIN_CONTACTS });
    expect(connectSrc(config.headers.get('content-security-policy'))).toEqual([
      "'self'",
      'http://localhost:4000',
      'http://localhost:3000',
      'http://localhost:3002',
    ]);
  });

  it('takes another CONTACTS_API_URL on the next start, without rebuilding', async () => {
    const port = await freePort();
    const server = spawn(process.execPath, ['dist/node/server/index.js'], {
      cwd: join(root, 'apps/spa'),
      env: { ...plainEnv, PORT: String(port), CONTACTS_API_URL: 'https://contacts.example.com/api/contacts' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await once(server.stdout, 'data');
      const config = await fetch(`http://localhost:${port}/config.json`);
      expect((await config.json()) as object).toMatchObject({
        CONTACTS_API_URL: 'https://contacts.example.com/api/contacts',
      });
      expect(connectSrc(config.headers.get('content-security-policy'))).toContain('https://contacts.example.com');
      const built = await fetch(`http://localhost:${port}/`).then((response) => response.text());
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(built)?.[1];
      const js = await fetch(`http://localhost:${port}${script}`).then((response) => response.text());
      expect(js).not.toContain('contacts.example.com');
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });
});

describe.skipIf(!lookup.found && !inCi)(
  "the built SPA's own server at another origin (SPA_ORIGIN, no PORT), in Chromium",
  () => {
    const { NODE_OPTIONS: _sourceCondition, ...plainEnv } = process.env;
    const parts: Part[] = [];
    let urls: StackUrls = { spa: '', tenant: '', contacts: '', calendar: '' };
    let dataDir = '';
    let browser: Browser | undefined;
    let tab: Tab | undefined;
    const logs = () => parts.map((p) => `--- ${p.name}\n${p.log().slice(-1500)}`).join('\n');

    beforeAll(async () => {
      if (!lookup.found) throw new Error(`CI=true and ${lookup.message}`);
      const build = await pnpmBuildOnce();
      expect(build.code, build.output).toBe(0);
      const ports = await freeStackPorts();
      urls = ports.urls;
      dataDir = await mkdtemp(join(tmpdir(), 'organizer-built-spa-'));
      // Every part from the build, with plain node; each finds the others (and the SPA) through the same settings.
      const env: NodeJS.ProcessEnv = {
        ...plainEnv,
        AUTH0_DOMAIN: '',
        AUDIENCE: 'organize',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        ...ports.env,
      };
      delete env.PORT;
      const port = (url: string) => new URL(url).port;
      const tenant = startPart('local tenant', process.execPath, ['dist/src/index.js'], {
        cwd: join(root, 'apps/local-tenant'),
        env,
      });
      const contacts = startPart('contacts', process.execPath, ['--max-semi-space-size=4', 'dist/index.js'], {
        cwd: join(root, 'apps/contacts'),
        env: { ...env, PORT: port(urls.contacts) },
      });
      const calendar = startPart('calendar', process.execPath, ['--max-semi-space-size=4', 'dist/index.js'], {
        cwd: join(root, 'apps/calendar'),
        env: { ...env, PORT: port(urls.calendar) },
      });
      // No PORT: the built server listens on SPA_ORIGIN's port (the README's and DESIGN's contract).
      const spa = startPart('spa (start:built)', 'pnpm', ['--silent', '--filter', './apps/spa', 'start:built'], {
        cwd: root,
        env,
        group: true,
      });
      parts.push(tenant, contacts, calendar, spa);
      await Promise.all([
        waitFor(`${urls.tenant}/.well-known/openid-configuration`, tenant),
        waitFor(`${urls.contacts}/health`, contacts),
        waitFor(`${urls.calendar}/health`, calendar),
        waitFor(`${urls.spa}/config.json`, spa),
      ]);
      browser = await launchChromium(lookup.path);
      tab = await openTab(browser, { apiOrigins: [urls.contacts, urls.calendar] });
    }, 300_000);

    afterAll(async () => {
      await tab?.context.close().catch(() => undefined);
      await browser?.close();
      for (const part of [...parts].reverse()) await part.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }, 60_000);

    it('serves the page at SPA_ORIGIN, and alice logs in there: both calls 200', async () => {
      const config = (await (await fetch(`${urls.spa}/config.json`)).json()) as Record<string, string>;
      expect(config).toMatchObject({ SPA_ORIGIN: urls.spa, LOCAL_TENANT_URL: urls.tenant });
      const { page, problems } = tab!;
      await openSpa(page, urls.spa);
      await logIn(page, urls, alice, 'Accept if asked');
      expect(await statusText(page), logs()).toBe('Signed in as Alice Example.');
      expect(page.url()).toBe(`${urls.spa}/`);
      const contacts = await callApi(page, 'Contacts');
      expect(contacts.status, logs()).toBe('200');
      expect(contacts.text).toContain('HTTP 200');
      const calendar = await callApi(page, 'Calendar');
      expect(calendar.status, logs()).toBe('200');
      expect(calendar.text).toContain('HTTP 200');
      expect(problems).toEqual([]);
    });
  },
);
