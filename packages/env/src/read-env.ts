import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Env, readEnv as readEnvFile } from '@organizer/auth/read-env';

/** The folder holding pnpm-workspace.yaml, found by walking up from `from`. */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`pnpm-workspace.yaml not found above ${from}`);
    dir = parent;
  }
}

/**
 * The repository's root `.env` under the given process environment, for the tools and parts that run
 * inside this workspace (pnpm dev, the scripts, the local tenant, the SPA's Vite config). Read by the same
 * dotenv-based reader the services use: the process environment wins, an empty value there counts as set.
 */
export function readEnv(processEnv: Env, envFile: string = join(findRepoRoot(), '.env')): Env {
  return readEnvFile(processEnv, envFile);
}
