import { defineProject } from 'vitest/config';
import { sourceEnv, useSources } from '../../vitest.sources.ts';

// The browser tests start the tenant, both services and the SPA, and drive a real Chromium: generous timeouts.
// Several files need the sample's fixed ports (3000-3002, 4000), so this project runs its files one at a time.
// test/global-setup.ts gives the run a folder for the one `pnpm build` two files share (e2e/build.ts).
export default defineProject({
  ...useSources,
  test: { name: 'spa', env: sourceEnv, include: ['test/**/*.test.ts'], globalSetup: ['test/global-setup.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false },
});
