import { defineProject } from 'vitest/config';
import { sourceEnv, useSources } from '../../vitest.sources.ts';

export default defineProject({
  ...useSources,
  // Starting a temporary PostgreSQL cluster, or the service's own entry file, takes seconds on a busy machine.
  test: {
    name: 'contacts',
    env: sourceEnv,
    isolate: false,
    include: ['test/**/*.test.ts'],
    hookTimeout: 60_000,
    testTimeout: 20_000,
  },
});
