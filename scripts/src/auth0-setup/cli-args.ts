import { parseArgs } from 'node:util';
import { SetupError } from './setup-error.ts';

export interface SetupArgs {
  dryRun: boolean;
  withDemoUsers: boolean;
  forceEnv: boolean;
  help: boolean;
}

export const USAGE = `Usage: pnpm auth0:setup [--dry-run] [--with-demo-users] [--force-env]

Applies apps/local-tenant/tenant.config.ts to the Auth0 tenant AUTH0_DOMAIN through the Management API,
then writes AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_AUDIENCE, AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET to .env.

  --dry-run          print the plan (create / update / unchanged, with the fields that differ); change nothing
  --with-demo-users  also create the demo users in Username-Password-Authentication, give them their roles,
                     and enable that connection for the SPA
  --force-env        replace values in .env that differ from the tenant's (default: keep them and report)
  --help             show this text

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
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    return { dryRun: values['dry-run'], withDemoUsers: values['with-demo-users'], forceEnv: values['force-env'], help: values.help };
  } catch (error) {
    throw new SetupError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
}
