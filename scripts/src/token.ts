// `pnpm access-token [alice|bob|m2m]`: wiring only. Prints an access token for curl on stdout.
import { ConfigError } from '@organizer/auth/settings';
import { readEnv } from '@organizer/env';
import { tenant as definition } from '@organizer/local-tenant/tenant';
import { readCliTenant } from './cli-tenant.ts';
import { CliError } from './http-errors.ts';
import { runToken } from './token-run.ts';

try {
  await runToken(process.argv.slice(2), readCliTenant(readEnv(process.env)), definition, {
    token: (value) => process.stdout.write(`${value}\n`),
    info: (line) => process.stderr.write(`${line}\n`),
  });
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof CliError)) throw error;
  console.error(`pnpm access-token: ${error.message}`);
  process.exitCode = 1;
}
