// `pnpm dev`: wiring only. Validates the configuration, then runs every part until Ctrl-C.
import { ConfigError as EnvConfigError, findRepoRoot, readEnv } from '@organizer/env';
import { ConfigError as SpaConfigError } from '@organizer/spa/config';
import { devPlan } from './dev-plan.ts';
import { runDev } from './dev-runner.ts';

try {
  const plan = devPlan(readEnv(process.env));
  process.exitCode = await runDev(plan, { cwd: findRepoRoot() });
} catch (error) {
  if (!(error instanceof SpaConfigError || error instanceof EnvConfigError)) throw error;
  console.error(`pnpm dev: ${error.message}\nNothing was started. Fix the root .env (see .env.example) and run pnpm dev again.`);
  process.exitCode = 1;
}
