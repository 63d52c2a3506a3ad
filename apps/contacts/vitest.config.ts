import { defineProject } from 'vitest/config';

export default defineProject({
  // Starting a temporary PostgreSQL cluster, or the service's own entry file, takes seconds on a busy machine.
  test: { name: 'contacts', include: ['test/**/*.test.ts'], hookTimeout: 60_000, testTimeout: 20_000 },
});
