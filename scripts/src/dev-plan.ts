import { parseSpaConfig, pickSpaEnv } from '@organizer/spa/config';
import { tenant } from '@organizer/local-tenant/tenant';

/** One process `pnpm dev` runs, and how to tell that it is ready. */
export interface DevPart {
  name: string;
  command: string;
  port: number;
  /** Answers with a 2xx once the part can serve requests. */
  readyUrl: string;
  color: string;
  env?: Record<string, string>;
}

export interface DemoLogin {
  email: string;
  password: string;
  scopes: string[];
}

export interface DevPlan {
  parts: DevPart[];
  appUrl: string;
  /** Demo users to print; empty when a real tenant (AUTH0_DOMAIN) is used. */
  demoLogins: DemoLogin[];
  tenantLabel: string;
}

function demoLogins(): DemoLogin[] {
  return tenant.users.map((user) => {
    const scopes = tenant.roles.filter((role) => user.roles.includes(role.name)).flatMap((role) => role.permissions);
    return { email: user.email, password: user.password, scopes: [...new Set(scopes)] };
  });
}

/**
 * What `pnpm dev` runs: the local tenant (unless AUTH0_DOMAIN names a real one), both services and the SPA,
 * each through its own `start` script so that `pnpm dev` and the per-part commands never drift apart.
 * Throws a ConfigError for settings the SPA would refuse, before anything starts.
 */
export function devPlan(env: Readonly<Record<string, string | undefined>>): DevPlan {
  const spa = parseSpaConfig(pickSpaEnv(env));
  const start = (dir: string) => `pnpm --silent --filter ./apps/${dir} start`;
  const parts: DevPart[] = [];
  if (spa.tenant.local) {
    parts.push({
      name: 'tenant',
      command: start('local-tenant'),
      port: 4000,
      readyUrl: 'http://localhost:4000/.well-known/openid-configuration',
      color: 'magenta',
      env: { PORT: '4000' },
    });
  }
  parts.push(
    { name: 'contacts', command: start('contacts'), port: 3001, readyUrl: 'http://localhost:3001/health', color: 'green', env: { PORT: '3001' } },
    { name: 'calendar', command: start('calendar'), port: 3002, readyUrl: 'http://localhost:3002/health', color: 'cyan', env: { PORT: '3002' } },
    { name: 'spa', command: start('spa'), port: 3000, readyUrl: 'http://localhost:3000/', color: 'blue' },
  );
  return {
    parts,
    appUrl: 'http://localhost:3000',
    demoLogins: spa.tenant.local ? demoLogins() : [],
    tenantLabel: spa.tenant.local ? `local tenant ${spa.tenant.domain}` : `Auth0 tenant ${spa.tenant.domain}`,
  };
}
