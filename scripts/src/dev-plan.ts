import { parseAuthConfig, parseLocalTenantUrl, parseSpaOrigin } from '@organizer/auth/settings';
import { findRepoRoot } from '@organizer/env';
import { tenant } from '@organizer/local-tenant/tenant';
import { parseSpaConfig, pickSpaEnv } from '@organizer/spa/config';
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
 * A Node part runs the entry file and node flags of its own `start` script (`node [flags] <entry>`, Node
 * stripping the types), as one process with this runner's own Node; a script through tsx would run as
 * `node [flags] --import tsx <entry>`, since the tsx CLI adds a second Node process per part. The start
 * script stays the one place to change them. From the build, it runs its `start:built` script the same way.
 */
function nodePart(name: string, dir: string, port: number, readyUrl: string, color: string, mode: DevMode): DevPart {
  const cwd = `apps/${dir}`;
  const start = readStartCommand(findRepoRoot(), cwd, mode === 'build' ? 'start:built' : 'start');
  return {
    name,
    command: [`"${process.execPath}"`, ...start.nodeFlags, ...start.runner, start.entry].join(' '),
    cwd,
    port,
    readyUrl,
    color,
    env: { PORT: String(port) },
    ...(mode === 'build' ? { builtEntry: `${cwd}/${start.entry}` } : {}),
  };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The port of an http(s) URL, explicit or the scheme's. */
function portOf(url: URL): number {
  return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
}

/**
 * Where a service listens: the port of the URL the SPA calls it at, when that URL is the service itself on
 * this machine; the default when the SPA reaches it some other way (through the SPA's own origin, or a host
 * elsewhere). So CONTACTS_API_URL=http://localhost:3101/api/contacts is all it takes to move contacts.
 */
function servicePort(apiUrl: string, spaOrigin: string, fallback: number): number {
  const url = new URL(apiUrl);
  return LOOPBACK.has(url.hostname) && url.origin !== spaOrigin ? portOf(url) : fallback;
}

/**
 * What `pnpm dev` runs: the local tenant at LOCAL_TENANT_URL (unless AUTH0_DOMAIN names a real tenant), both
 * services and the SPA (through its `start` script; from the build, its static server). Throws a
 * ConfigError for any setting the SPA or the services would refuse (the same parsers), before anything starts.
 */
export function devPlan(env: Readonly<Record<string, string | undefined>>, mode: DevMode = 'source'): DevPlan {
  const spa = parseSpaConfig(pickSpaEnv(env));
  parseAuthConfig(env);
  const spaOrigin = parseSpaOrigin(env.SPA_ORIGIN);
  const spaPort = portOf(new URL(spaOrigin));
  const contactsPort = servicePort(spa.apis.contacts, spaOrigin, 3001);
  const calendarPort = servicePort(spa.apis.calendar, spaOrigin, 3002);
  const parts: DevPart[] = [];
  if (spa.tenant.local) {
    const tenantUrl = parseLocalTenantUrl(env.LOCAL_TENANT_URL);
    parts.push(
      nodePart(
        'tenant',
        'local-tenant',
        tenantUrl.port,
        `${tenantUrl.issuer}.well-known/openid-configuration`,
        'magenta',
        mode,
      ),
    );
  }
  parts.push(
    nodePart('contacts', 'contacts', contactsPort, `http://localhost:${contactsPort}/health`, 'green', mode),
    nodePart('calendar', 'calendar', calendarPort, `http://localhost:${calendarPort}/health`, 'cyan', mode),
    mode === 'build'
      ? nodePart('spa', 'spa', spaPort, `http://localhost:${spaPort}/`, 'blue', mode)
      : {
          name: 'spa',
          command: 'pnpm --silent --filter ./apps/spa start',
          port: spaPort,
          readyUrl: `http://localhost:${spaPort}/`,
          color: 'blue',
        },
  );
  return {
    parts,
    appUrl: spaOrigin,
    demoLogins: spa.tenant.local ? demoLogins() : [],
    issuer: spa.tenant.issuer,
    tenantLabel: spa.tenant.local ? `local tenant ${spa.tenant.domain}` : `Auth0 tenant ${spa.tenant.domain}`,
  };
}
