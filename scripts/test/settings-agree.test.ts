import { ConfigError, localTenantIssuer } from '@organizer/auth/settings';
import { loadConfig as loadCalendarConfig } from '@organizer/calendar/config';
import { loadConfig as loadContactsConfig } from '@organizer/contacts/config';
import { loadConfig as loadTenantConfig } from '@organizer/local-tenant/config';
import { parseSpaConfig, pickSpaEnv } from '@organizer/spa/config';
import { SETTING_CASES, type SharedSetting } from '@organizer/testing';
import { describe, expect, it } from 'vitest';
import { loadAuth0SetupConfig } from '../src/auth0-setup/config.ts';
import { readCliTenant } from '../src/cli-tenant.ts';
import { devPlan } from '../src/dev-plan.ts';

type Env = Record<string, string>;
type Outcome = { issuer?: string; audience?: string };

/** A part that reads shared settings, and what it makes of them. */
interface Consumer {
  readonly name: string;
  /** The settings it reads, and for each whether its outcome shows the result (else it only accepts or refuses). */
  readonly reads: Partial<Record<SharedSetting, 'issuer' | 'audience' | 'checked'>>;
  read(env: Env): Outcome;
}

const service = (
  name: string,
  load: (env: Env) => { auth: { issuerBaseUrl: string; audience: string } },
): Consumer => ({
  name,
  reads: {
    AUTH0_DOMAIN: 'issuer',
    ISSUER_BASE_URL: 'issuer',
    LOCAL_TENANT_URL: 'issuer',
    AUDIENCE: 'audience',
    AUTH0_AUDIENCE: 'audience',
  },
  read: (env) => ({ issuer: load(env).auth.issuerBaseUrl, audience: load(env).auth.audience }),
});

const CONSUMERS: readonly Consumer[] = [
  service('contacts', loadContactsConfig),
  service('calendar', loadCalendarConfig),
  {
    name: 'SPA (through the variables its bundle receives)',
    reads: { AUTH0_DOMAIN: 'issuer', LOCAL_TENANT_URL: 'issuer', AUTH0_AUDIENCE: 'audience' },
    read: (env) => {
      const config = parseSpaConfig(pickSpaEnv(env));
      return { issuer: config.tenant.issuer, audience: config.audience };
    },
  },
  {
    name: 'pnpm dev',
    reads: {
      AUTH0_DOMAIN: 'issuer',
      LOCAL_TENANT_URL: 'issuer',
      ISSUER_BASE_URL: 'checked',
      AUDIENCE: 'checked',
      AUTH0_AUDIENCE: 'checked',
    },
    read: (env) => {
      const plan = devPlan(env);
      const tenant = plan.parts.find((part) => part.name === 'tenant');
      // The local tenant is polled where the issuer says it listens.
      if (tenant !== undefined) expect(tenant.readyUrl).toBe(`${plan.issuer}.well-known/openid-configuration`);
      return { issuer: plan.issuer };
    },
  },
  {
    name: 'scripts (pnpm m2m, pnpm access-token)',
    reads: {
      AUTH0_DOMAIN: 'issuer',
      ISSUER_BASE_URL: 'issuer',
      LOCAL_TENANT_URL: 'issuer',
      AUDIENCE: 'audience',
      AUTH0_AUDIENCE: 'audience',
    },
    read: (env) => {
      const tenant = readCliTenant({ AUTH0_M2M_CLIENT_SECRET: 'a-real-tenant-needs-one', ...env });
      return { issuer: tenant.issuer, audience: tenant.audience };
    },
  },
  {
    name: 'pnpm auth0:setup',
    reads: { AUTH0_DOMAIN: 'checked' },
    read: (env) => {
      // Without a domain there is nothing to set up: that refusal is its own (auth0-setup-config.test.ts).
      if ((env.AUTH0_DOMAIN ?? '').trim() === '') return {};
      const config = loadAuth0SetupConfig({ AUTH0_MGMT_TOKEN: 'a-token', ...env }, '/nonexistent/.env');
      return { issuer: `https://${config.domain}/` };
    },
  },
  {
    name: 'local tenant',
    reads: { LOCAL_TENANT_URL: 'issuer' },
    read: (env) => {
      const config = loadTenantConfig(env);
      return { issuer: localTenantIssuer(config.host, config.port) };
    },
  },
];

function refusal(read: () => unknown): ConfigError | undefined {
  try {
    read();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  return undefined;
}

describe('every part accepts and refuses exactly the same values of the shared settings', () => {
  const rows = SETTING_CASES.flatMap((c) =>
    CONSUMERS.filter((consumer) => consumer.reads[c.variable] !== undefined).map(
      (consumer) => [c.variable, c.value, consumer.name, c, consumer] as const,
    ),
  );

  it.each(rows)('%s=%j in %s', (variable, value, _name, { expected }, consumer) => {
    const env = { [variable]: value };
    if (expected === 'refused') {
      expect(refusal(() => consumer.read(env))?.variable).toBe(variable);
      return;
    }
    const outcome = consumer.read(env);
    const shown = consumer.reads[variable];
    if (shown === 'issuer' && 'issuer' in expected) expect(outcome.issuer).toBe(expected.issuer);
    if (shown === 'audience' && 'audience' in expected) expect(outcome.audience).toBe(expected.audience);
  });

  it('covers every shared setting with accepted and refused values, for at least three parts each', () => {
    for (const variable of [
      'AUTH0_DOMAIN',
      'ISSUER_BASE_URL',
      'LOCAL_TENANT_URL',
      'AUDIENCE',
      'AUTH0_AUDIENCE',
    ] as const) {
      const cases = SETTING_CASES.filter((c) => c.variable === variable);
      expect(
        cases.some((c) => c.expected === 'refused'),
        variable,
      ).toBe(true);
      expect(
        cases.some((c) => c.expected !== 'refused'),
        variable,
      ).toBe(true);
      expect(
        CONSUMERS.filter((consumer) => consumer.reads[variable] !== undefined).length,
        variable,
      ).toBeGreaterThanOrEqual(3);
    }
  });
});
