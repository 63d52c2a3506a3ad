/**
 * `pnpm auth0:setup`: applies apps/local-tenant/tenant.config.ts to a real Auth0 tenant. This file
 * only wires: arguments, configuration, run, exit status.
 */

import { readEnv } from '@organizer/auth/read-env';
import { ConfigError, parseSpaOrigin } from '@organizer/auth/settings';
import { workspaceEnvFile } from '@organizer/env';
import {
  loadAuth0SetupConfig,
  parseSetupArgs,
  planWithoutTenant,
  runAuth0Setup,
  SetupError,
  USAGE,
} from './auth0-setup/index.ts';

const deps = { log: (line: string) => console.log(line), error: (line: string) => console.error(line) };

try {
  const args = parseSetupArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
  } else {
    const env = readEnv(process.env, workspaceEnvFile());
    let config: ReturnType<typeof loadAuth0SetupConfig> | undefined;
    try {
      config = loadAuth0SetupConfig(env);
    } catch (error) {
      // A dry run is useful before any credentials exist: it shows what would be created. A bad SPA_ORIGIN
      // (read first, so a valid one is all that reaches the plan below) stops it like any run.
      if (!(error instanceof ConfigError) || !args.dryRun || error.variable === 'SPA_ORIGIN') throw error;
      console.log(`Not reading a tenant: ${error.message}\n`);
      planWithoutTenant(args, parseSpaOrigin(env.SPA_ORIGIN), deps);
    }
    if (config !== undefined) process.exitCode = await runAuth0Setup(config, args, deps);
  }
} catch (error) {
  if (!(error instanceof ConfigError) && !(error instanceof SetupError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
