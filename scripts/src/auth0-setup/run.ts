import { ManagementClient } from 'auth0';
import { applyPlan } from './apply.ts';
import type { Auth0SetupConfig, SetupArgs } from './config.ts';
import { EMPTY_TENANT, readCurrentState } from './current-state.ts';
import { desiredTenant, TENANT_FILE, type TenantFile } from './desired-state.ts';
import { updateEnvFile } from './env-file.ts';
import { explainError } from './errors.ts';
import { planSetup } from './plan.ts';
import { formatApplied, formatCounts, formatEnv, formatPlan, isNoop } from './report.ts';

export interface SetupDeps {
  log: (line: string) => void;
  error: (line: string) => void;
  /** Defaults to apps/local-tenant/tenant.config.ts. */
  tenant?: TenantFile | undefined;
  /**
   * The SDK's own transport hook: it is used for the Management API and for the token request.
   * Tests pass one that sends https://<domain> to a local stand-in; a real run leaves it unset.
   */
  fetch?: typeof fetch | undefined;
  /**
   * Retries of a request answered 429 (or 5xx). The SDK waits as Retry-After or X-RateLimit-Reset
   * says (at most 60 s), else backs off exponentially from 1 s.
   */
  maxRetries?: number | undefined;
}

const DEFAULT_MAX_RETRIES = 4;

function createManagementClient(config: Auth0SetupConfig, deps: SetupDeps): ManagementClient {
  const common = {
    domain: config.managementDomain,
    maxRetries: deps.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeoutInSeconds: 30,
    ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
  };
  return 'token' in config.credentials
    ? new ManagementClient({ ...common, token: config.credentials.token })
    : new ManagementClient({
        ...common,
        clientId: config.credentials.clientId,
        clientSecret: config.credentials.clientSecret,
      });
}

/** Reads the tenant, plans, and (unless --dry-run) applies and fills .env. Returns the exit status. */
export async function runAuth0Setup(config: Auth0SetupConfig, args: SetupArgs, deps: SetupDeps): Promise<number> {
  const desired = desiredTenant(deps.tenant ?? TENANT_FILE, config.spaOrigin, { dpop: args.dpop });
  const mgmt = createManagementClient(config, deps);
  const print = (lines: string[]) => {
    for (const line of lines) deps.log(line);
  };
  try {
    const current = await readCurrentState(mgmt, desired, args.withDemoUsers);
    const steps = planSetup(desired, current, { withDemoUsers: args.withDemoUsers });
    print(formatPlan(steps, config.managementDomain));
    if (args.dryRun) {
      deps.log(`Dry run: ${formatCounts(steps)}. Nothing was changed, in the tenant or in .env.`);
      return 0;
    }
    const applied = await applyPlan(mgmt, steps, current, desired);
    if (isNoop(steps)) deps.log(`Nothing to change: ${config.managementDomain} already matches tenant.config.ts.`);
    else print(formatApplied(steps, applied));
    if (args.withDemoUsers && desired.users.some((user) => current.users.has(user.email))) {
      deps.log('Passwords of demo users that already existed were left as they are.');
    }

    const values: Array<[string, string]> = [['AUTH0_DOMAIN', config.domain]];
    if (applied.spaClientId !== undefined) values.push(['AUTH0_CLIENT_ID', applied.spaClientId]);
    values.push(['AUTH0_AUDIENCE', desired.audience]);
    if (applied.m2mClientId !== undefined) values.push(['AUTH0_M2M_CLIENT_ID', applied.m2mClientId]);
    if (applied.m2mClientSecret !== undefined) values.push(['AUTH0_M2M_CLIENT_SECRET', applied.m2mClientSecret]);
    const entries = await updateEnvFile(config.envFile, values, {
      force: args.forceEnv,
      header: `Written by pnpm auth0:setup for ${config.domain}`,
    });
    print(formatEnv(config.envFile, entries));
    if (applied.m2mClientSecret === undefined) {
      deps.log('  AUTH0_M2M_CLIENT_SECRET was not readable (grant read:client_keys, or copy it from the Dashboard).');
    }
    return 0;
  } catch (error) {
    deps.error(explainError(error, deps.maxRetries ?? DEFAULT_MAX_RETRIES));
    return 1;
  }
}

/** `--dry-run` before any credentials exist: the plan for an empty tenant, straight from the tenant file and SPA_ORIGIN. */
export function planWithoutTenant(args: SetupArgs, spaOrigin: string, deps: Pick<SetupDeps, 'log' | 'tenant'>): void {
  const steps = planSetup(desiredTenant(deps.tenant ?? TENANT_FILE, spaOrigin, { dpop: args.dpop }), EMPTY_TENANT, {
    withDemoUsers: args.withDemoUsers,
  });
  for (const line of formatPlan(steps, 'an empty tenant')) deps.log(line);
  deps.log(`Dry run: ${formatCounts(steps)}. Nothing was changed; the tenant was not read.`);
}
