// `pnpm start`: wiring only. The same stack as `pnpm dev` (same parts, ports and checks), from the build
// (`pnpm build`): every part runs its compiled JavaScript with plain node, the SPA its built page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readEnv } from '@organizer/auth/read-env';
import { ConfigError } from '@organizer/auth/settings';
import { findRepoRoot, workspaceEnvFile } from '@organizer/env';
import { devPlan } from './dev-plan.ts';
import { runDev } from './dev-runner.ts';

try {
  const root = findRepoRoot();
  const env = readEnv(process.env, workspaceEnvFile());
  const plan = devPlan(env, 'build');
  const missing = plan.parts.filter(
    (part) => part.builtEntry !== undefined && !existsSync(join(root, part.builtEntry)),
  );
  if (missing.length > 0) {
    console.error(
      `pnpm start: not built (${missing.map((part) => part.builtEntry).join(', ')} missing); run pnpm build first.`,
    );
    process.exitCode = 1;
  } else {
    const color = Boolean(process.stdout.isTTY) || Boolean(env.FORCE_COLOR && env.FORCE_COLOR !== '0');
    process.exitCode = await runDev(plan, { cwd: root, color, label: 'pnpm start' });
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(
    `pnpm start: ${error.message}\nNothing was started. Fix the root .env (see .env.example) or the environment, and run pnpm start again.`,
  );
  process.exitCode = 1;
}
