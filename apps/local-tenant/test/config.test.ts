import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@organizer/auth/settings';
import { describe, expect, it } from 'vitest';
import { DEV_M2M_CLIENT_SECRET, loadConfig } from '../src/config.ts';
import type { TenantDefinition } from '../src/tenant-definition.ts';
import { tenant } from '../tenant.config.ts';

const withApi = (api: Partial<TenantDefinition['api']>): TenantDefinition => ({
  ...tenant,
  api: { ...tenant.api, ...api },
});

function configError(definition: TenantDefinition): ConfigError {
  try {
    loadConfig({}, definition);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('tenant configuration', () => {
  it('loads the sample tenant with the development defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.m2mClientSecret).toBe(DEV_M2M_CLIENT_SECRET);
    expect(config.usingDevM2mSecret).toBe(true);
    expect(config.tenant.applications.m2m.clientId).toBe('organizer-m2m');
  });

  it('takes PORT and the M2M credentials from the environment', () => {
    const config = loadConfig({
      PORT: '4100',
      AUTH0_M2M_CLIENT_ID: 'my-m2m',
      AUTH0_M2M_CLIENT_SECRET: 'my-secret-value',
    });
    expect(config.port).toBe(4100);
    expect(config.tenant.applications.m2m.clientId).toBe('my-m2m');
    expect(config.m2mClientSecret).toBe('my-secret-value');
    expect(config.usingDevM2mSecret).toBe(false);
    expect(() => loadConfig({ PORT: 'four' })).toThrow(/PORT must be a port number/);
  });

  it('refuses a token lifetime above 2592000 s (Auth0’s limit) with a clear message', () => {
    const error = configError(withApi({ tokenLifetimeSeconds: 2_592_001 }));
    expect(error.message).toContain('tenant.config.ts api.tokenLifetimeSeconds');
    expect(error.message).toContain('2592000');
    expect(error.message).toContain('2592001');
    expect(configError(withApi({ tokenLifetimeSeconds: 0 })).variable).toBe(
      'tenant.config.ts api.tokenLifetimeSeconds',
    );
    expect(configError(withApi({ tokenLifetimeSeconds: 1.5 })).variable).toBe(
      'tenant.config.ts api.tokenLifetimeSeconds',
    );
    expect(loadConfig({}, withApi({ tokenLifetimeSeconds: 2_592_000 })).tenant.api.tokenLifetimeSeconds).toBe(
      2_592_000,
    );
  });

  it('LOCAL_TENANT_ACCESS_TOKEN_SECONDS replaces the access-token lifetime, within the same limits', () => {
    expect(loadConfig({ LOCAL_TENANT_ACCESS_TOKEN_SECONDS: '10' }).tenant.api.tokenLifetimeSeconds).toBe(10);
    expect(loadConfig({ LOCAL_TENANT_ACCESS_TOKEN_SECONDS: ' ' }).tenant.api.tokenLifetimeSeconds).toBe(
      tenant.api.tokenLifetimeSeconds,
    );
    for (const bad of ['0', '1.5', 'ten', '-5', '2592001']) {
      expect(() => loadConfig({ LOCAL_TENANT_ACCESS_TOKEN_SECONDS: bad }), bad).toThrow(
        `LOCAL_TENANT_ACCESS_TOKEN_SECONDS must be a whole number of seconds from 1 to 2592000 ("${bad}")`,
      );
    }
  });

  it('names the field for other mistakes', () => {
    expect(
      configError({ ...tenant, roles: [{ name: 'x', description: 'x', permissions: ['write:everything'] }] }).message,
    ).toContain('write:everything');
    expect(configError(withApi({ identifier: 'has space' })).variable).toBe('tenant.config.ts api.identifier');
    expect(configError(withApi({ permissions: [{ value: 'read:contacts', description: '' }] })).variable).toBe(
      'tenant.config.ts api.permissions',
    );
    expect(configError({ ...tenant, defaultAudience: 'other' }).variable).toBe('tenant.config.ts defaultAudience');
    expect(configError({ ...tenant, users: [{ ...tenant.users[0]!, roles: ['Admin'] }] }).message).toContain('"Admin"');
    const spa = { ...tenant.applications.spa, callbackUrls: ['localhost:3000/callback'] };
    expect(configError({ ...tenant, applications: { ...tenant.applications, spa } }).variable).toBe(
      'tenant.config.ts applications.spa.callbackUrls',
    );
  });
});

describe('start-up', () => {
  const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

  const start = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['src/index.ts'],
        { cwd: packageDir, env: { ...process.env, ...env } },
        (error, _stdout, stderr) => {
          resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr });
        },
      );
    });

  it('prints a configuration error without a stack trace and exits with status 1', async () => {
    const result = await start({ PORT: 'not-a-port' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT must be a port number from 0 to 65535 ("not-a-port")');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to start at all with NODE_ENV=production: it is never deployed', async () => {
    const result = await start({ NODE_ENV: 'production', PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^NODE_ENV is production, and the local tenant is a development server/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'development' }).port).toBe(4000);
  });
});
