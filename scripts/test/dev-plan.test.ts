import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { ConfigError } from '@organizer/spa/config';
import { describe, expect, it } from 'vitest';
import { readyBanner } from '../src/dev-banner.ts';
import { devPlan } from '../src/dev-plan.ts';

describe('pnpm dev plan', () => {
  it('runs the local tenant, both services and the SPA through their own start commands', () => {
    const plan = devPlan({ AUTH0_DOMAIN: '' });
    expect(plan.parts.map((part) => [part.name, part.port, part.readyUrl])).toEqual([
      ['tenant', 4000, 'http://localhost:4000/.well-known/openid-configuration'],
      ['contacts', 3001, 'http://localhost:3001/health'],
      ['calendar', 3002, 'http://localhost:3002/health'],
      ['spa', 3000, 'http://localhost:3000/'],
    ]);
    expect(plan.parts.map((part) => part.cwd)).toEqual([
      'apps/local-tenant',
      'apps/contacts',
      'apps/calendar',
      undefined,
    ]);
    expect(plan.parts.at(-1)?.command).toBe('pnpm --silent --filter ./apps/spa start');
  });

  it('moves each part to the port of its own setting: SPA_ORIGIN, LOCAL_TENANT_URL, and an API URL on this machine', () => {
    const plan = devPlan({
      SPA_ORIGIN: 'http://localhost:3100',
      LOCAL_TENANT_URL: 'http://127.0.0.1:4100',
      CONTACTS_API_URL: 'http://localhost:3101/api/contacts',
      // Through the SPA's own origin (a proxy in front), or on another host: the service keeps its default port.
      CALENDAR_API_URL: 'http://localhost:3100/api/calendar',
    });
    expect(plan.parts.map((part) => [part.name, part.port, part.readyUrl])).toEqual([
      ['tenant', 4100, 'http://127.0.0.1:4100/.well-known/openid-configuration'],
      ['contacts', 3101, 'http://localhost:3101/health'],
      ['calendar', 3002, 'http://localhost:3002/health'],
      ['spa', 3100, 'http://localhost:3100/'],
    ]);
    expect(plan.appUrl).toBe('http://localhost:3100');
    expect(
      devPlan({ CALENDAR_API_URL: 'https://calendar.example.com/api/calendar' }).parts.find(
        (part) => part.name === 'calendar',
      )?.port,
    ).toBe(3002);
  });

  it("runs the entry file and node flags of each Node part's own start script", async () => {
    const plan = devPlan({});
    for (const part of plan.parts.filter((candidate) => candidate.cwd !== undefined)) {
      const pkg = JSON.parse(await readFile(join(findRepoRoot(), part.cwd ?? '', 'package.json'), 'utf8')) as {
        scripts: { start: string };
      };
      // `node [node flags] <entry>` (Node stripping the types) or `tsx [node flags] <entry>`: the shapes pnpm dev
      // (and pnpm bench) know how to run as one process.
      const [runner, ...rest] = pkg.scripts.start.split(' ');
      expect(['node', 'tsx'], part.name).toContain(runner);
      const entry = rest.at(-1)!;
      const flags = rest.slice(0, -1);
      expect(entry, part.name).toMatch(/\.ts$/);
      const tsx = runner === 'tsx' ? ['--import tsx'] : [];
      expect(part.command, part.name).toBe([`"${process.execPath}"`, ...flags, ...tsx, entry].join(' '));
      expect(part.env?.PORT).toBe(String(part.port));
    }
  });

  it("from the build (pnpm start), runs each part's start:built command with plain node, on the same ports", async () => {
    const plan = devPlan({ AUTH0_DOMAIN: '' }, 'build');
    expect(plan.parts.map((part) => [part.name, part.port, part.cwd, part.builtEntry])).toEqual([
      ['tenant', 4000, 'apps/local-tenant', 'apps/local-tenant/dist/src/index.js'],
      ['contacts', 3001, 'apps/contacts', 'apps/contacts/dist/index.js'],
      ['calendar', 3002, 'apps/calendar', 'apps/calendar/dist/index.js'],
      ['spa', 3000, 'apps/spa', 'apps/spa/dist/node/server/index.js'],
    ]);
    for (const part of plan.parts) {
      const pkg = JSON.parse(await readFile(join(findRepoRoot(), part.cwd ?? '', 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      };
      expect(part.command, part.name).toBe(pkg.scripts['start:built']?.replace(/^node /, `"${process.execPath}" `));
      expect(part.command, part.name).not.toMatch(/tsx|vite|--conditions/);
    }
    expect(devPlan({ AUTH0_DOMAIN: 'acme.eu.auth0.com' }, 'build').parts.map((part) => part.name)).toEqual([
      'contacts',
      'calendar',
      'spa',
    ]);
  });

  it('gives the services the memory setting of their start scripts', () => {
    const plan = devPlan({});
    for (const name of ['contacts', 'calendar']) {
      expect(plan.parts.find((part) => part.name === name)?.command, name).toContain(
        ' --conditions=@organizer/source --max-semi-space-size=4 src/index.ts',
      );
    }
  });

  it('lists the demo logins with the scopes their roles give', () => {
    const banner = readyBanner(devPlan({}), 2.34, false);
    expect(banner).toContain('Organizer is ready (2.3 s). Open http://localhost:3000');
    expect(banner).toMatch(
      /alice@example\.com \/ alice-demo-pw\s+read:contacts, write:contacts, read:calendar, write:calendar/,
    );
    expect(banner).toMatch(/bob@example\.com \/ bob-demo-pw\s+read:contacts\n/);
  });

  it('runs and polls the local tenant at LOCAL_TENANT_URL, and names it in the ready message', () => {
    const plan = devPlan({ LOCAL_TENANT_URL: 'http://127.0.0.1:4100' });
    const tenant = plan.parts.find((part) => part.name === 'tenant');
    expect([tenant?.port, tenant?.readyUrl, tenant?.env?.PORT]).toEqual([
      4100,
      'http://127.0.0.1:4100/.well-known/openid-configuration',
      '4100',
    ]);
    expect(plan.issuer).toBe('http://127.0.0.1:4100/');
    const banner = readyBanner(plan, 1, false);
    expect(banner).toContain('Demo logins (local tenant http://127.0.0.1:4100/):');
    expect(banner).toContain('tenant :4100');
  });

  it('refuses what the services would refuse, such as a port in AUTH0_DOMAIN, before anything starts', () => {
    expect(() => devPlan({ AUTH0_DOMAIN: 'tenant.example.com:8443' })).toThrow(/AUTH0_DOMAIN must not include a port/);
    expect(() => devPlan({ ISSUER_BASE_URL: 'tenant.example.com' })).toThrow(/ISSUER_BASE_URL/);
    expect(() => devPlan({ SPA_ORIGIN: 'http://localhost:3000/app' })).toThrow(/SPA_ORIGIN/);
    expect(() => devPlan({ LOCAL_TENANT_URL: 'http://tenant.example.com:4000' })).toThrow(
      /LOCAL_TENANT_URL must name this machine/,
    );
  });

  it('leaves the local tenant out when AUTH0_DOMAIN names a real tenant', () => {
    const plan = devPlan({ AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_CLIENT_ID: 'abc' });
    expect(plan.parts.map((part) => part.name)).toEqual(['contacts', 'calendar', 'spa']);
    expect(plan.demoLogins).toEqual([]);
    expect(readyBanner(plan, 1, false)).toContain('Sign in with a user of your Auth0 tenant acme.eu.auth0.com');
  });

  it('refuses an invalid configuration before anything starts', () => {
    expect(() => devPlan({ AUTH0_DOMAIN: 'https://acme.eu.auth0.com/' })).toThrow(ConfigError);
    expect(() => devPlan({ SPA_CHECK_SESSION_SECONDS: 'soon' })).toThrow(/SPA_CHECK_SESSION_SECONDS/);
  });
});
