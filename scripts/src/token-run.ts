import type { TenantDefinition } from '@organizer/local-tenant/tenant';
import type { CliTenant } from './cli-tenant.ts';
import { requestM2mToken } from './client-credentials.ts';
import { CliError } from './http-errors.ts';
import { userToken } from './user-token.ts';

export const TOKEN_USAGE = 'Usage: pnpm access-token [alice|bob|<demo user email>|m2m]   (default: alice)';

export interface TokenOutput {
  /** Only the token, so `TOKEN=$(pnpm -s access-token alice)` works. */
  token: (value: string) => void;
  /** Explanations, on stderr. */
  info: (line: string) => void;
}

/** Prints an access token for a demo user (through login and consent) or for the M2M application. */
export async function runToken(
  args: readonly string[],
  tenant: CliTenant,
  definition: TenantDefinition,
  out: TokenOutput,
): Promise<void> {
  if (args.length > 1 || args[0] === '--help' || args[0] === '-h') throw new CliError(TOKEN_USAGE);
  const who = args[0] ?? 'alice';
  const result = who === 'm2m' ? await requestM2mToken(tenant) : await userToken(tenant, definition, who);
  out.token(result.accessToken);
  out.info(
    `${who === 'm2m' ? tenant.m2m.clientId : who}: scope "${result.scope ?? ''}", expires in ${result.expiresIn ?? '?'} s, audience ${tenant.audience}.`,
  );
  out.info(`Try: curl -H "Authorization: Bearer $(pnpm -s access-token ${who})" ${tenant.services.contacts}`);
}
