import { defineConfig } from 'vitest/config';
import { sourceEnv, useSources } from '../../vitest.sources.ts';

// `pnpm test:load`: the load-and-fault test of the nginx deployment, apart from `pnpm test` (it runs for
// over a minute on purpose). CI runs it after the suite.
export default defineConfig({
  ...useSources,
  root: import.meta.dirname,
  test: {
    name: 'spa-load',
    env: sourceEnv,
    include: ['test/**/*.load.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 420_000,
  },
});
