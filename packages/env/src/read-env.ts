import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';

export type Env = Readonly<Record<string, string | undefined>>;

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
 * The root `.env` merged under the given process environment: a variable set in the process wins
 * over the file (the contract in DESIGN.md), and an empty value in the process still counts as set.
 * Every app's config.ts calls this once, passing `process.env`, so nothing else reads the environment.
 */
export function readEnv(processEnv: Env, envFile: string = join(findRepoRoot(), '.env')): Env {
  // parseEnv is Node's own dotenv parser (stable since 20.12), so no dependency is needed for it.
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...processEnv };
}
