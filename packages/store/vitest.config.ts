import { defineProject } from 'vitest/config';

export default defineProject({
  // Starting a temporary PostgreSQL cluster takes a few seconds on a busy machine.
  test: { name: 'store', include: ['test/**/*.test.ts'], hookTimeout: 60_000, testTimeout: 20_000 },
});
