import { applyPlan } from './apply.ts';
import type { SetupArgs } from './cli-args.ts';
import type { Auth0SetupConfig } from './config.ts';
import { desiredTenant } from './desired-state.ts';
import { EMPTY_TENANT } from './empty-tenant.ts';
import { explainError } from './explain-error.ts';
import { createManagementClient, DEFAULT_MAX_RETRIES, type ManagementClientOptions } from './management-client.ts';
import { planSetup } from './plan.ts';
import { readCurrentState } from './read-current-state.ts';
import { TENANT_FILE, type TenantFile } from './tenant-file.ts';
import { formatApplied, formatCounts, formatEnv, formatPlan, isNoop } from './report.ts';
import { updateEnvFile } from './write-env-file.ts';

export interface SetupDeps extends ManagementClientOptions {
  log: (line: string) => void;
  error: (line: string) => void;
  /** Defaults to apps/local-tenant/tenant.config.ts. */
  tenant?: TenantFile | undefined;
}

/** Reads the tenant, plans, and (unless --dry-run) applies and fills .env. Returns the exit status. */
export async function runAuth0Setup(config: Auth0SetupConfig, args: SetupArgs, deps: SetupDeps): Promise<number> {
  const desired = desiredTenant(deps.tenant ?? TENANT_FILE);
  const mgmt = createManagementClient(config, deps);
  const print = (lines: string[]) => lines.forEach((line) => deps.log(line));
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
    const entries = await updateEnvFile(config.envFile, values, { force: args.forceEnv, header: `Written by pnpm auth0:setup for ${config.domain}` });
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

/** `--dry-run` before any credentials exist: the plan for an empty tenant, straight from the tenant file. */
export function planWithoutTenant(args: SetupArgs, deps: Pick<SetupDeps, 'log' | 'tenant'>): void {
  const steps = planSetup(desiredTenant(deps.tenant ?? TENANT_FILE), EMPTY_TENANT, { withDemoUsers: args.withDemoUsers });
  formatPlan(steps, 'an empty tenant').forEach((line) => deps.log(line));
  deps.log(`Dry run: ${formatCounts(steps)}. Nothing was changed; the tenant was not read.`);
}
