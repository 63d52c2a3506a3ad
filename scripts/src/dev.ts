// `pnpm dev`: wiring only. Validates the configuration, then runs every part until Ctrl-C.

import { readEnv } from '@organizer/auth/read-env';
import { ConfigError } from '@organizer/auth/settings';
import { findRepoRoot, workspaceEnvFile } from '@organizer/env';
import { devPlan } from './dev-plan.ts';
import { runDev } from './dev-runner.ts';

try {
  const env = readEnv(process.env, workspaceEnvFile());
  const plan = devPlan(env);
  const color = Boolean(process.stdout.isTTY) || Boolean(env.FORCE_COLOR && env.FORCE_COLOR !== '0');
  process.exitCode = await runDev(plan, { cwd: findRepoRoot(), color });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(
    `pnpm dev: ${error.message}\nNothing was started. Fix the root .env (see .env.example) and run pnpm dev again.`,
  );
  process.exitCode = 1;
}
