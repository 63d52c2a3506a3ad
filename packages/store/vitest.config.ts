import { defineProject } from 'vitest/config';
import { sourceEnv, useSources } from '../../vitest.sources.ts';

export default defineProject({
  ...useSources,
  // Starting a temporary PostgreSQL cluster takes a few seconds on a busy machine.
  test: {
    name: 'store',
    env: sourceEnv,
    isolate: false,
    include: ['test/**/*.test.ts'],
    hookTimeout: 60_000,
    testTimeout: 20_000,
  },
});
