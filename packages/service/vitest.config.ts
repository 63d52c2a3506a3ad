import { defineProject } from 'vitest/config';
import { sourceEnv, useSources } from '../../vitest.sources.ts';

// The tests start real tenants and service processes: on a busy machine their set-up takes longer than vitest's 10 s default.
export default defineProject({
  ...useSources,
  test: {
    name: 'service',
    env: sourceEnv,
    isolate: false,
    include: ['test/**/*.test.ts'],
    hookTimeout: 30_000,
    testTimeout: 20_000,
  },
});
