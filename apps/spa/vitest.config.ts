import { defineProject } from 'vitest/config';
import { sourceEnv, useSources } from '../../vitest.sources.ts';

// The browser tests start the tenant, both services and the SPA, and drive a real Chromium: generous
// timeouts, for a 2-core machine running other files' stacks at the same time. Every file puts what it
// starts on free ports (built-stack.test.ts alone binds the fixed ones), so the files run side by side.
// test/global-setup.ts gives the run a folder for the one `pnpm build` two files share (e2e/build.ts).
export default defineProject({
  ...useSources,
  test: {
    name: 'spa',
    env: sourceEnv,
    isolate: false,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
