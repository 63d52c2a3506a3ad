import { defineProject } from 'vitest/config';
import { sourceEnv, useSources } from '../../vitest.sources.ts';

export default defineProject({
  ...useSources,
  test: { name: 'testing', env: sourceEnv, isolate: false, include: ['test/**/*.test.ts'] },
});
