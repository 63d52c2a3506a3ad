// The way to production, run for real: `pnpm build`, a bundle per part (`pnpm deploy --prod`), PostgreSQL
// shared by two instances of each service, the built SPA server, and nginx in front of all of it
// (deploy/nginx/organizer.conf.template) at an origin of its own, http://localhost:<free port>, which is
// SPA_ORIGIN for the SPA, the tenant and the services. A browser session through nginx logs in, reads,
// writes and deletes; one instance of each service stops in the middle and the session goes on. Every part
// is on a free port. Alone: `pnpm test:deploy`.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { findChromium, freePort } from '@organizer/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openTab, type Tab } from './e2e/browser.ts';
import { startPart } from './e2e/deployment.ts';
import { alice, callApi, logIn, openSpa, statusText } from './e2e/flows.ts';
import {
  missingForDeployment,
  type NginxDeployment,
  SERVICES,
  type ServiceName,
  startNginxDeployment,
} from './e2e/nginx-deployment.ts';

const root = findRepoRoot();
const inCi = process.env.CI === 'true';
const chromium = findChromium(process.env);
const missing = [chromium.found ? undefined : chromium.message, ...missingForDeployment()].filter(
  (text): text is string => text !== undefined,
);
if (missing.length > 0 && !inCi) console.warn(`Deployment test skipped: ${missing.join('; ')}`);
const { NODE_OPTIONS: _sourceCondition, ...plainEnv } = process.env;

describe.skipIf(missing.length > 0 && !inCi)(
  'the nginx deployment: two instances of each service on PostgreSQL',
  () => {
    let deployment: NginxDeployment | undefined;
    let browser: Browser | undefined;
    let tab: Tab | undefined;
    let tokenOfAlice = '';
    let spaUrl = '';
    let tenantUrl = '';
    let work = '';
    const instances = () => deployment!.instances;
    const logs = () => deployment?.logs() ?? '';

    beforeAll(async () => {
      if (missing.length > 0) throw new Error(`CI=true and ${missing.join('; ')}`);
      deployment = await startNginxDeployment();
      ({ spaUrl, work } = deployment);
      tenantUrl = deployment.tenantUrl ?? '';
      // The token on the last line of stdout (pnpm access-token's contract), for calls straight to an instance.
      const token = execFileSync('pnpm', ['--silent', 'access-token', 'alice'], {
        cwd: root,
        env: { ...process.env, AUTH0_DOMAIN: '', LOCAL_TENANT_URL: tenantUrl, SPA_ORIGIN: spaUrl },
        encoding: 'utf8',
      });
      tokenOfAlice = token.trim().split('\n').at(-1) ?? '';
      expect(tokenOfAlice.split('.')).toHaveLength(3);
      browser = await launchChromium(chromium.path);
      tab = await openTab(browser);
    }, 420_000);

    afterAll(async () => {
      await tab?.context.close().catch(() => undefined);
      await browser?.close();
      const timings = deployment?.timings ?? {};
      await deployment?.stop();
      console.info(
        `deployment: ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 10) / 10])))}`,
      );
    }, 60_000);

    const direct = (service: ServiceName, n: number, path = '', init: RequestInit = {}) =>
      fetch(`${instances()[service][n]!.url}/api/${service}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${tokenOfAlice}`, 'content-type': 'application/json', ...init.headers },
      });

    it("serves the page with its security headers and the same-origin settings, and hides the instances' probes", async () => {
      const page = await fetch(`${spaUrl}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      const config = (await (await fetch(`${spaUrl}/config.json`)).json()) as Record<string, string>;
      expect(config).toMatchObject({
        SPA_ORIGIN: spaUrl,
        CONTACTS_API_URL: `${spaUrl}/api/contacts`,
        CALENDAR_API_URL: `${spaUrl}/api/calendar`,
      });
      const probe = await fetch(`${spaUrl}/ready`);
      expect(probe.status).toBe(404);
      expect(await probe.json()).toEqual({ error: 'not_found', error_description: 'No such route' });
      // nginx's own refusal of a body far over the limit is the contract's JSON 413, not an HTML page.
      const huge = await fetch(`${spaUrl}/api/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenOfAlice}` },
        body: JSON.stringify({ name: 'x'.repeat(100_000) }),
      });
      expect(huge.status).toBe(413);
      expect(huge.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await huge.json()).toEqual({
        error: 'content_too_large',
        error_description: 'The request body is larger than 16 KB',
      });
      // Through nginx, the services' own errors arrive unchanged.
      const anonymous = await fetch(`${spaUrl}/api/contacts`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer realm="organize"/);
    });

    it("serves the API console and each service's OpenAPI part beside its routes, where the console looks", async () => {
      const consolePage = await fetch(`${spaUrl}/api-docs/`);
      expect(consolePage.status).toBe(200);
      expect(await consolePage.text()).toContain('<div id="swagger-ui"></div>');
      for (const [service, path] of [
        ['contacts', '/api/contacts'],
        ['calendar', '/api/calendar'],
      ] as const) {
        const part = await fetch(`${spaUrl}${path}/openapi.json`);
        expect(part.status).toBe(200);
        const document = (await part.json()) as { openapi: string; paths: Record<string, unknown> };
        expect(document.openapi).toMatch(/^3\.1\./);
        expect(Object.keys(document.paths), service).toEqual([path, `${path}/{id}`]);
      }
    });

    it('writes through one instance and reads through the other: the data lives in PostgreSQL', async () => {
      const created = await direct('contacts', 0, '', {
        method: 'POST',
        body: JSON.stringify({ name: 'Written via one', email: 'one@example.com' }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const read = (await (await direct('contacts', 1)).json()) as { contacts: { id: string }[] };
      expect(read.contacts.map((c) => c.id)).toContain(id);
      expect((await direct('contacts', 1, `/${id}`, { method: 'DELETE' })).status).toBe(204);
      const appointment = await direct('calendar', 1, '', {
        method: 'POST',
        body: JSON.stringify({ title: 'Written via two', start: '2027-01-04T09:00:00Z', end: '2027-01-04T10:00:00Z' }),
      });
      expect(appointment.status).toBe(201);
      const { id: appointmentId } = (await appointment.json()) as { id: string };
      expect(
        ((await (await direct('calendar', 0)).json()) as { appointments: { id: string }[] }).appointments.map(
          (a) => a.id,
        ),
      ).toContain(appointmentId);
    });

    it('each instance serves its Prometheus metrics to the operator; nginx does not pass /metrics on', async () => {
      for (const service of SERVICES) {
        for (const instance of instances()[service]) {
          const scrape = await fetch(`${instance.url}/metrics`);
          expect(scrape.status, `${service} ${instance.url}`).toBe(200);
          const text = await scrape.text();
          for (const name of [
            'http_requests_total{',
            'http_request_duration_seconds_bucket{',
            'auth_token_cache_total{',
            'auth_tenant_fetches_total{',
            'store_errors_total{',
            'process_cpu_user_seconds_total ',
          ])
            expect(text, `${service}: ${name}`).toContain(name);
          expect(text).toContain(`service="${service}"`);
        }
      }
      const outside = await fetch(`${spaUrl}/metrics`);
      expect(outside.status).toBe(404);
      expect(await outside.json()).toEqual({ error: 'not_found', error_description: 'No such route' });
    });

    it('a browser session through nginx: log in, read, add, delete; one instance of each stops in the middle and the session goes on', async () => {
      const { page, problems } = tab!;
      await openSpa(page, spaUrl);
      await logIn(page, { spa: spaUrl, tenant: tenantUrl }, alice, 'Accept if asked');
      expect(await statusText(page)).toBe('Signed in as Alice Example.');
      // The SPA's calls through nginx carry DPoP: the services check each proof against the URL the browser
      // called (TRUST_PROXY and nginx's X-Forwarded-Host), and accept it once at either instance.
      const sent: Record<string, string>[] = [];
      const watch = (request: { url(): string; headers(): Record<string, string> }) => {
        if (request.url().startsWith(`${spaUrl}/api/contacts`) && request.headers().dpop) sent.push(request.headers());
      };
      page.on('request', watch);
      expect((await callApi(page, 'Contacts')).status, logs()).toBe('200');
      page.off('request', watch);
      expect((await callApi(page, 'Calendar')).status).toBe('200');
      const copied = sent.at(-1);
      expect(copied?.authorization).toMatch(/^DPoP /);
      // Replayed twice: nginx sends the two to its two instances in turn; both have seen the proof.
      for (let replay = 0; replay < 2; replay += 1) {
        const answer = await fetch(`${spaUrl}/api/contacts`, {
          headers: { authorization: String(copied?.authorization), dpop: String(copied?.dpop) },
        });
        expect([answer.status, ((await answer.json()) as { error: string }).error]).toEqual([
          401,
          'invalid_dpop_proof',
        ]);
      }
      const name = `Ada via nginx ${process.pid}`;
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Email', { exact: true }).fill('ada@example.com');
      await page.getByRole('button', { name: 'Add contact' }).click();
      await page.locator('#contacts-status', { hasText: `Added ${name}.` }).waitFor();

      // One instance of each service stops (SIGTERM: it drains and exits 0); nginx sends the rest to the other.
      const stopped = performance.now();
      expect(await instances().contacts[0]!.part.stop()).toBe(0);
      expect(await instances().calendar[0]!.part.stop()).toBe(0);
      deployment!.timings.stopSeconds = (performance.now() - stopped) / 1000;
      for (let call = 0; call < 4; call += 1) {
        expect((await callApi(page, 'Contacts')).status, logs()).toBe('200');
        expect((await callApi(page, 'Calendar')).status, logs()).toBe('200');
      }
      expect(await page.locator('#contacts-list li strong').allTextContents()).toContain(name);
      await page.getByRole('button', { name: `Delete ${name}` }).click();
      await page.locator('#contacts-status', { hasText: `Deleted ${name}.` }).waitFor();
      // The surviving instance agrees: the contact written before the stop is gone after the delete.
      const left = (await (await direct('contacts', 1)).json()) as { contacts: { name: string }[] };
      expect(left.contacts.map((c) => c.name)).not.toContain(name);
      expect(problems).toEqual([]);
    });

    it('shuts down cleanly: every instance exits 0 after SIGTERM', async () => {
      for (const service of SERVICES) expect(await instances()[service][1]!.part.stop()).toBe(0);
      expect(dirname(work)).toBe(tmpdir());
    });

    it('a bundle reads the .env in its working directory, not one outside it', async () => {
      await writeFile(join(work, 'contacts', '.env'), 'AUDIENCE=two words\n');
      const bundled = startPart('contacts bundle with .env', process.execPath, ['dist/index.js'], {
        cwd: join(work, 'contacts'),
        env: { PATH: plainEnv.PATH ?? '', PORT: String(await freePort()) },
      });
      // A bad setting stops start-up: it exits by itself (after 10 s it is killed, and the check fails).
      const timer = setTimeout(() => bundled.child.kill('SIGKILL'), 10_000);
      const [code] = (await once(bundled.child, 'exit')) as [number | null];
      clearTimeout(timer);
      expect(code, bundled.log()).toBe(1);
      expect(bundled.log()).toMatch(/contacts: AUDIENCE /);
    });
  },
);
