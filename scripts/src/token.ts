// `pnpm access-token [alice|bob|m2m]`: wiring only. Prints an access token for curl on stdout.

import { readEnv } from '@organizer/auth/read-env';
import { ConfigError, parseSpaOrigin } from '@organizer/auth/settings';
import { workspaceEnvFile } from '@organizer/env';
import { withSpaOrigin } from '@organizer/local-tenant/spa-origin';
import { tenant as definition } from '@organizer/local-tenant/tenant';
import { readCliTenant } from './cli-tenant.ts';
import { CliError } from './http-errors.ts';
import { runToken } from './token-run.ts';

try {
  const env = readEnv(process.env, workspaceEnvFile());
  // The redirect_uri of a user's login is the SPA's callback as the local tenant registers it (SPA_ORIGIN).
  await runToken(process.argv.slice(2), readCliTenant(env), withSpaOrigin(definition, parseSpaOrigin(env.SPA_ORIGIN)), {
    token: (value) => process.stdout.write(`${value}\n`),
    info: (line) => process.stderr.write(`${line}\n`),
  });
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof CliError)) throw error;
  console.error(`pnpm access-token: ${error.message}`);
  process.exitCode = 1;
}
