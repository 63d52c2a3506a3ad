import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Auth0SetupConfig, parseSetupArgs, runAuth0Setup, type TenantFile } from '../../src/auth0-setup/index.ts';
import { FIXTURE_TENANT } from './fixture-tenant.ts';
import {
  fetchVia,
  type ManagementStandIn,
  type RecordedRequest,
  startManagementStandIn,
} from './management-stand-in.ts';

export const DOMAIN = 'organizer-test.eu.auth0.com';
export const MGMT = { clientId: 'mgmt-client-id', clientSecret: 'mgmt-client-secret-do-not-print' };

export interface Harness {
  standIn: ManagementStandIn;
  envFile: string;
  config: Auth0SetupConfig;
  /** Runs the setup; the tenant file is FIXTURE_TENANT unless `overrides.tenant` says otherwise. */
  run(
    argv?: string[],
    overrides?: { maxRetries?: number; config?: Partial<Auth0SetupConfig>; fetch?: typeof fetch; tenant?: TenantFile },
  ): Promise<{ code: number; out: string; err: string }>;
  close(): Promise<void>;
}

/** A stand-in tenant, a temporary .env path, and a way to run the real setup against them. */
export async function startHarness(): Promise<Harness> {
  const standIn = await startManagementStandIn({ domain: DOMAIN, ...MGMT });
  const dir = await mkdtemp(join(tmpdir(), 'auth0-setup-'));
  const envFile = join(dir, '.env');
  const config: Auth0SetupConfig = {
    domain: DOMAIN,
    managementDomain: DOMAIN,
    credentials: { ...MGMT },
    envFile,
    spaOrigin: 'http://localhost:3000',
  };
  return {
    standIn,
    envFile,
    config,
    async run(argv = [], overrides = {}) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runAuth0Setup({ ...config, ...overrides.config }, parseSetupArgs(argv), {
        log: (line) => out.push(line),
        error: (line) => err.push(line),
        fetch: overrides.fetch ?? fetchVia(DOMAIN, standIn.origin),
        maxRetries: overrides.maxRetries,
        tenant: overrides.tenant ?? FIXTURE_TENANT,
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
    async close() {
      await standIn.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Requests that change something: everything but reads and the token request. */
export function writes(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.method !== 'GET' && r.path !== '/oauth/token');
}

export const line = (r: RecordedRequest) => `${r.method} ${r.path}${r.query}`;
