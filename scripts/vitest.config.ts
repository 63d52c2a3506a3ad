import { defineProject } from 'vitest/config';
import { sourceEnv, useSources } from '../vitest.sources.ts';

export default defineProject({
  ...useSources,
  test: {
    name: 'scripts',
    env: sourceEnv,
    isolate: false,
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
