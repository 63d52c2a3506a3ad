// Once per `vitest run` (the root vitest.config.ts): a folder for what the spa's test files share within the
// run (the one `pnpm build`, see e2e/build.ts), removed at the end. Nothing is started here.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's shared folder (see e2e/build.ts). */
    spaRunDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'organizer-spa-run-'));
  project.provide('spaRunDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
