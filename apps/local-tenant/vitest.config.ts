import { defineProject } from 'vitest/config';
import { sourceEnv, useSources } from '../../vitest.sources.ts';

export default defineProject({
  ...useSources,
  test: {
    name: 'local-tenant',
    env: sourceEnv,
    isolate: false,
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
