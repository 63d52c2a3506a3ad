/**
 * What a run is asked to do: the command-line flags, and the tenant and credentials from the
 * environment. Each is parsed once, here; a missing or invalid value stops the run with its fix.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnv } from '@organizer/auth/read-env';
import { ConfigError, parseAuth0Domain, parseSpaOrigin } from '@organizer/auth/settings';
import { findRepoRoot, workspaceEnvFile } from '@organizer/env';
import { SetupError, scopeHelp } from './errors.ts';

export interface SetupArgs {
  dryRun: boolean;
  withDemoUsers: boolean;
  forceEnv: boolean;
  /** Also turn on DPoP for the API (Auth0's proof-of-possession, early access). */
  dpop: boolean;
  help: boolean;
}

export const USAGE = `Usage: pnpm auth0:setup [--dry-run] [--with-demo-users] [--force-env] [--dpop]

Applies apps/local-tenant/tenant.config.ts to the Auth0 tenant AUTH0_DOMAIN through the Management API,
then writes AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_AUDIENCE, AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET to .env.

  --dry-run          print the plan (create / update / unchanged, with the fields that differ); change nothing
  --with-demo-users  also create the demo users in Username-Password-Authentication, give them their roles,
                     and enable that connection for the SPA
  --force-env        replace values in .env that differ from the tenant's (default: keep them and report)
  --dpop             also give the API proof-of-possession by DPoP, not required (Bearer keeps working): the
                     SPA's code flow then gets DPoP-bound tokens. Auth0 offers DPoP as early access: the
                     tenant must have it enabled, or the Management API refuses the setting
  --help             show this text

The SPA application's Allowed Callback URLs, Logout URLs and Web Origins get SPA_ORIGIN (default
http://localhost:3000; it replaces that origin in tenant.config.ts's SPA URLs); URLs already there stay.

Credentials: AUTH0_MGMT_CLIENT_ID and AUTH0_MGMT_CLIENT_SECRET (or AUTH0_MGMT_TOKEN), see .env.example.
With a custom domain in AUTH0_DOMAIN, set AUTH0_MGMT_DOMAIN to the tenant's canonical domain (your-tenant.eu.auth0.com).`;

export function parseSetupArgs(argv: readonly string[]): SetupArgs {
  try {
    const { values } = parseArgs({
      // `pnpm auth0:setup -- --dry-run` passes the separator through; it means nothing here.
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'with-demo-users': { type: 'boolean', default: false },
        'force-env': { type: 'boolean', default: false },
        dpop: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    return {
      dryRun: values['dry-run'],
      withDemoUsers: values['with-demo-users'],
      forceEnv: values['force-env'],
      dpop: values.dpop,
      help: values.help,
    };
  } catch (error) {
    throw new SetupError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** How the setup signs in to the Management API: its own M2M application, or a ready token. */
export type ManagementCredentials = { clientId: string; clientSecret: string } | { token: string };

export interface Auth0SetupConfig {
  /** The tenant's host name as the apps use it (AUTH0_DOMAIN), e.g. your-tenant.eu.auth0.com. */
  domain: string;
  /**
   * Where the Management API is called (AUTH0_MGMT_DOMAIN, default AUTH0_DOMAIN). Differs when
   * AUTH0_DOMAIN is a custom domain: the Management API lives on the tenant's canonical domain.
   */
  managementDomain: string;
  credentials: ManagementCredentials;
  /** The .env file the resulting values are written to (the repository root's). */
  envFile: string;
  /** SPA_ORIGIN: registered as the SPA application's callback, logout URL and web origin. */
  spaOrigin: string;
}

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function readDomain(env: Env, name = 'AUTH0_DOMAIN'): string {
  let domain: string | undefined;
  try {
    // The same parser as every other part (the SDK builds https://<domain>/…), under this variable's name.
    domain = parseAuth0Domain(env[name]);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(name, error.problem, error.fix);
    throw error;
  }
  if (domain === undefined) {
    throw new ConfigError(
      'AUTH0_DOMAIN',
      'is not set, so there is no Auth0 tenant to set up',
      "Set it to your tenant's domain (Auth0 Dashboard → Settings → Domain), e.g. AUTH0_DOMAIN=your-tenant.eu.auth0.com, in .env or the environment.",
    );
  }
  return domain;
}

function readCredentials(env: Env): ManagementCredentials {
  const token = value(env, 'AUTH0_MGMT_TOKEN');
  const clientId = value(env, 'AUTH0_MGMT_CLIENT_ID');
  const clientSecret = value(env, 'AUTH0_MGMT_CLIENT_SECRET');
  if (clientId !== undefined && clientSecret !== undefined) return { clientId, clientSecret };
  if (token !== undefined && clientId === undefined && clientSecret === undefined) return { token };
  const missing = [
    clientId === undefined && 'AUTH0_MGMT_CLIENT_ID',
    clientSecret === undefined && 'AUTH0_MGMT_CLIENT_SECRET',
  ]
    .filter((name): name is string => name !== false)
    .join(' and ');
  throw new ConfigError(
    missing,
    `${missing.includes(' and ') ? 'are' : 'is'} not set: pnpm auth0:setup needs Management API credentials`,
    `Set AUTH0_MGMT_CLIENT_ID and AUTH0_MGMT_CLIENT_SECRET to a machine-to-machine application of your tenant (or AUTH0_MGMT_TOKEN to a Management API token) in .env or the environment.\n${scopeHelp()}`,
  );
}

/** Parsed once at start-up; `env` defaults to the root .env merged under the process environment. */
export function loadAuth0SetupConfig(
  env: Env = readEnv(process.env, workspaceEnvFile()),
  envFile = join(findRepoRoot(), '.env'),
): Auth0SetupConfig {
  // First: a bad SPA_ORIGIN is never mistaken for "no tenant yet" by a dry run (src/auth0-setup.ts).
  const spaOrigin = parseSpaOrigin(env.SPA_ORIGIN);
  const domain = readDomain(env);
  const managementDomain =
    value(env, 'AUTH0_MGMT_DOMAIN') === undefined ? domain : readDomain(env, 'AUTH0_MGMT_DOMAIN');
  return { domain, managementDomain, credentials: readCredentials(env), envFile, spaOrigin };
}
