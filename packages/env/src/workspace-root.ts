import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The nearest folder at or above `from` that holds pnpm-workspace.yaml, or undefined outside a workspace. */
function workspaceAbove(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** This repository's root (the folder holding pnpm-workspace.yaml), found by walking up from `from`. */
export function findRepoRoot(from: string = HERE): string {
  const root = workspaceAbove(from);
  if (root === undefined) throw new Error(`pnpm-workspace.yaml not found above ${from}`);
  return root;
}

/**
 * The `.env` to read for a part started in `from` (default: this package's folder, so a tool always gets the
 * root's): the root `.env` of the pnpm workspace that holds `from`, so one file serves every part of this
 * repository; outside any workspace (a `pnpm deploy` bundle), `.env` in the working directory, as a service
 * of its own keeps it. Pass the result to `readEnv` from @organizer/auth, the one reader of the file.
 */
export function workspaceEnvFile(from: string = HERE): string {
  const root = workspaceAbove(from);
  return root === undefined ? '.env' : join(root, '.env');
}
