import { spawn } from 'node:child_process';
import { ConfigError } from '@organizer/auth/settings';
import { findRepoRoot } from '@organizer/env';
import { describe, expect, test } from 'vitest';
import { loadAuth0SetupConfig, parseSetupArgs } from '../src/auth0-setup/index.ts';

const envFile = '/nonexistent/.env';

describe('loadAuth0SetupConfig', () => {
  test('client credentials or a token', () => {
    expect(
      loadAuth0SetupConfig(
        { AUTH0_DOMAIN: 't.eu.auth0.com', AUTH0_MGMT_CLIENT_ID: 'id', AUTH0_MGMT_CLIENT_SECRET: 's' },
        envFile,
      ),
    ).toEqual({
      domain: 't.eu.auth0.com',
      managementDomain: 't.eu.auth0.com',
      credentials: { clientId: 'id', clientSecret: 's' },
      envFile,
      spaOrigin: 'http://localhost:3000',
    });
    expect(
      loadAuth0SetupConfig({ AUTH0_DOMAIN: 't.eu.auth0.com', AUTH0_MGMT_TOKEN: 'tok' }, envFile).credentials,
    ).toEqual({ token: 'tok' });
  });

  test('AUTH0_MGMT_DOMAIN: the canonical domain for the Management API when AUTH0_DOMAIN is a custom domain', () => {
    const config = loadAuth0SetupConfig(
      { AUTH0_DOMAIN: 'login.example.com', AUTH0_MGMT_DOMAIN: 't.eu.auth0.com', AUTH0_MGMT_TOKEN: 'x' },
      envFile,
    );
    expect(config).toMatchObject({ domain: 'login.example.com', managementDomain: 't.eu.auth0.com' });
    expect(() =>
      loadAuth0SetupConfig(
        { AUTH0_DOMAIN: 'a.example', AUTH0_MGMT_DOMAIN: 'https://t/', AUTH0_MGMT_TOKEN: 'x' },
        envFile,
      ),
    ).toThrow(/^AUTH0_MGMT_DOMAIN must be a bare domain, without a scheme/);
    expect(() =>
      loadAuth0SetupConfig(
        { AUTH0_DOMAIN: 'a.example', AUTH0_MGMT_DOMAIN: 't.eu.auth0.com:8443', AUTH0_MGMT_TOKEN: 'x' },
        envFile,
      ),
    ).toThrow(/^AUTH0_MGMT_DOMAIN must not include a port/);
  });

  test('SPA_ORIGIN through the shared parser: default http://localhost:3000, an origin, else a ConfigError naming it', () => {
    const env = { AUTH0_DOMAIN: 't.eu.auth0.com', AUTH0_MGMT_TOKEN: 'x' };
    expect(loadAuth0SetupConfig({ ...env, SPA_ORIGIN: '' }, envFile).spaOrigin).toBe('http://localhost:3000');
    expect(loadAuth0SetupConfig({ ...env, SPA_ORIGIN: 'https://organizer.example.com/' }, envFile).spaOrigin).toBe(
      'https://organizer.example.com',
    );
    expect(() => loadAuth0SetupConfig({ ...env, SPA_ORIGIN: 'https://organizer.example.com/app' }, envFile)).toThrow(
      /^SPA_ORIGIN must be an origin, without a path/,
    );
    // Read before the tenant's variables: a dry run without credentials still stops on it (the entry file below).
    expect(() => loadAuth0SetupConfig({ SPA_ORIGIN: 'organizer.example.com' }, envFile)).toThrow(/^SPA_ORIGIN /);
  });

  test('no AUTH0_DOMAIN (the local-tenant default): a ConfigError saying where to find the domain', () => {
    expect(() => loadAuth0SetupConfig({ AUTH0_DOMAIN: '' }, envFile)).toThrow(ConfigError);
    expect(() => loadAuth0SetupConfig({}, envFile)).toThrow(
      /^AUTH0_DOMAIN is not set.*Auth0 Dashboard → Settings → Domain/,
    );
  });

  test('AUTH0_DOMAIN given as a URL is refused with the fix', () => {
    expect(() =>
      loadAuth0SetupConfig({ AUTH0_DOMAIN: 'https://t.eu.auth0.com/', AUTH0_MGMT_TOKEN: 'x' }, envFile),
    ).toThrow(
      'AUTH0_DOMAIN must be a bare domain, without a scheme ("https://t.eu.auth0.com/"). Write it as your-tenant.eu.auth0.com',
    );
    // The same parser as every other part: a port is refused here too (Auth0 serves domains on 443 only).
    expect(() =>
      loadAuth0SetupConfig({ AUTH0_DOMAIN: 'tenant.example.com:8443', AUTH0_MGMT_TOKEN: 'x' }, envFile),
    ).toThrow(/^AUTH0_DOMAIN must not include a port/);
  });

  test('missing credentials: names the missing variables and lists the Management API scopes to grant', () => {
    let error: unknown;
    try {
      loadAuth0SetupConfig({ AUTH0_DOMAIN: 't.eu.auth0.com' }, envFile);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^AUTH0_MGMT_CLIENT_ID and AUTH0_MGMT_CLIENT_SECRET are not set/);
    expect(message).toContain('AUTH0_MGMT_TOKEN');
    expect(message).toContain('Machine to Machine');
    expect(message).toContain(
      'read:resource_servers create:resource_servers update:resource_servers read:clients read:client_keys create:clients update:clients',
    );
    expect(message).toContain('read:connections');
    expect(() => loadAuth0SetupConfig({ AUTH0_DOMAIN: 't.eu.auth0.com', AUTH0_MGMT_CLIENT_ID: 'id' }, envFile)).toThrow(
      /^AUTH0_MGMT_CLIENT_SECRET is not set/,
    );
  });
});

describe('parseSetupArgs', () => {
  test('flags, a leading -- from pnpm, and unknown options', () => {
    expect(parseSetupArgs(['--dry-run', '--with-demo-users'])).toEqual({
      dryRun: true,
      withDemoUsers: true,
      forceEnv: false,
      dpop: false,
      help: false,
    });
    expect(parseSetupArgs(['--dpop'])).toMatchObject({ dpop: true, dryRun: false });
    expect(parseSetupArgs(['--', '--force-env'])).toMatchObject({ forceEnv: true });
    expect(() => parseSetupArgs(['--dryrun'])).toThrow(/Unknown option '--dryrun'[\s\S]*Usage: pnpm auth0:setup/);
  });
});

/** The entry file as `pnpm auth0:setup` runs it; AUTH0_DOMAIN='' (and the others '') override any developer .env. */
function runEntry(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const root = findRepoRoot();
  const child = spawn(process.execPath, ['scripts/src/auth0-setup.ts', ...args], {
    cwd: root,
    // NODE_OPTIONS carries the tests' source condition (vitest.sources.ts): the entry runs on the sources.
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_OPTIONS: process.env['NODE_OPTIONS'] ?? '',
      AUTH0_DOMAIN: '',
      AUTH0_MGMT_CLIENT_ID: '',
      AUTH0_MGMT_CLIENT_SECRET: '',
      AUTH0_MGMT_TOKEN: '',
      SPA_ORIGIN: '',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the entry file', () => {
  test('without credentials: the configuration message, no stack, exit 1', async () => {
    const { code, stderr, stdout } = await runEntry([], {});
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toMatch(/^AUTH0_DOMAIN is not set, so there is no Auth0 tenant to set up\./);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('--dry-run without credentials: the plan from tenant.config.ts for an empty tenant, exit 0', async () => {
    const { code, stdout } = await runEntry(['--dry-run'], {});
    expect(code).toBe(0);
    expect(stdout).toContain('Not reading a tenant: AUTH0_DOMAIN is not set');
    expect(stdout).toContain('+ create     API "organize"');
    expect(stdout).toMatch(
      /Dry run: \d+ to create, 0 to update, 0 unchanged\. Nothing was changed; the tenant was not read\./,
    );
  });

  test('--dry-run without credentials plans the SPA at SPA_ORIGIN; a bad SPA_ORIGIN stops it, exit 1', async () => {
    const planned = await runEntry(['--dry-run'], { SPA_ORIGIN: 'http://localhost:5173' });
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('      callbacks: ["http://localhost:5173","http://localhost:5173/api-docs/"]');
    expect(planned.stdout).toContain(
      '      allowed_logout_urls: ["http://localhost:5173","http://localhost:5173/api-docs/"]',
    );
    expect(planned.stdout).toContain('      web_origins: ["http://localhost:5173"]');
    expect(planned.stdout).not.toContain('localhost:3000');

    const bad = await runEntry(['--dry-run'], { SPA_ORIGIN: 'http://localhost:5173/app' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim()).toMatch(
      /^SPA_ORIGIN must be an origin, without a path \("http:\/\/localhost:5173\/app"\)\./,
    );
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
