import { join } from 'node:path';
import { findRepoRoot } from '@organizer/env';

/**
 * Inside this repository, its root .env (as for every other part); a copy of the built SPA outside it
 * (`pnpm deploy`) reads .env in its working directory instead, like the services.
 */
export function serverEnvFile(): string {
  try {
    return join(findRepoRoot(), '.env');
  } catch {
    return '.env';
  }
}
