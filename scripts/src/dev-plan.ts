import { parseAuthConfig, parseLocalTenantUrl } from '@organizer/auth/settings';
import { findRepoRoot } from '@organizer/env';
import { parseSpaConfig, pickSpaEnv } from '@organizer/spa/config';
import { tenant } from '@organizer/local-tenant/tenant';
import { readStartCommand } from './start-command.ts';

/** One process `pnpm dev` runs, and how to tell that it is ready. */
export interface DevPart {
  name: string;
  command: string;
  /** Relative to the repository root; the root itself when unset. */
  cwd?: string;
  port: number;
  /** Answers with a 2xx once the part can serve requests. */
  readyUrl: string;
  color: string;
  env?: Record<string, string>;
  /** The built file the command runs (relative to the repository root); only for `pnpm start`. */
  builtEntry?: string;
}

/** `pnpm dev` runs the TypeScript sources; `pnpm start` the build (`pnpm build`), with plain node. */
export type DevMode = 'source' | 'build';

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
  /** The SPA's tenant: https://<AUTH0_DOMAIN>/, else LOCAL_TENANT_URL with "/". */
  issuer: string;
  tenantLabel: string;
}

function demoLogins(): DemoLogin[] {
  return tenant.users.map((user) => {
    const scopes = tenant.roles.filter((role) => user.roles.includes(role.name)).flatMap((role) => role.permissions);
    return { email: user.email, password: user.password, scopes: [...new Set(scopes)] };
  });
}

/**
 * A Node part runs the entry file and node flags of its own `start` script (`tsx [flags] <entry>`), but
 * as `node [flags] --import tsx <entry>`: the tsx CLI would add a second Node process per part (about
 * 0.4 s of start-up each on this kind of machine). The start script stays the one place to change them.
 * From the build, it runs its `start:built` script (`node [flags] <dist entry>`) the same way.
 */
function nodePart(name: string, dir: string, port: number, readyUrl: string, color: string, mode: DevMode): DevPart {
  const cwd = `apps/${dir}`;
  const start = readStartCommand(findRepoRoot(), cwd, mode === 'build' ? 'start:built' : 'start');
  const runner = mode === 'build' ? [] : ['--import tsx'];
  return {
    name,
    command: [`"${process.execPath}"`, ...start.nodeFlags, ...runner, start.entry].join(' '),
    cwd,
    port,
    readyUrl,
    color,
    env: { PORT: String(port) },
    ...(mode === 'build' ? { builtEntry: `${cwd}/${start.entry}` } : {}),
  };
}

/**
 * What `pnpm dev` runs: the local tenant at LOCAL_TENANT_URL (unless AUTH0_DOMAIN names a real tenant), both
 * services and the SPA (through its `start` script; from the build, its static server). Throws a
 * ConfigError for any setting the SPA or the services would refuse (the same parsers), before anything starts.
 */
export function devPlan(env: Readonly<Record<string, string | undefined>>, mode: DevMode = 'source'): DevPlan {
  const spa = parseSpaConfig(pickSpaEnv(env));
  parseAuthConfig(env);
  const parts: DevPart[] = [];
  if (spa.tenant.local) {
    const tenantUrl = parseLocalTenantUrl(env.LOCAL_TENANT_URL);
    parts.push(nodePart('tenant', 'local-tenant', tenantUrl.port, `${tenantUrl.issuer}.well-known/openid-configuration`, 'magenta', mode));
  }
  parts.push(
    nodePart('contacts', 'contacts', 3001, 'http://localhost:3001/health', 'green', mode),
    nodePart('calendar', 'calendar', 3002, 'http://localhost:3002/health', 'cyan', mode),
    mode === 'build'
      ? nodePart('spa', 'spa', 3000, 'http://localhost:3000/', 'blue', mode)
      : { name: 'spa', command: 'pnpm --silent --filter ./apps/spa start', port: 3000, readyUrl: 'http://localhost:3000/', color: 'blue' },
  );
  return {
    parts,
    appUrl: 'http://localhost:3000',
    demoLogins: spa.tenant.local ? demoLogins() : [],
    issuer: spa.tenant.issuer,
    tenantLabel: spa.tenant.local ? `local tenant ${spa.tenant.domain}` : `Auth0 tenant ${spa.tenant.domain}`,
  };
}
