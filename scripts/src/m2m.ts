// `pnpm m2m`: wiring only. A client-credentials token from the tenant, then both services with it.

import { readEnv } from '@organizer/auth/read-env';
import { ConfigError } from '@organizer/auth/settings';
import { workspaceEnvFile } from '@organizer/env';
import { readCliTenant } from './cli-tenant.ts';
import { CliError } from './http-errors.ts';
import { runM2m } from './m2m-run.ts';

try {
  await runM2m(readCliTenant(readEnv(process.env, workspaceEnvFile())), (line) => console.log(line));
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof CliError)) throw error;
  console.error(`pnpm m2m: ${error.message}`);
  process.exitCode = 1;
}
