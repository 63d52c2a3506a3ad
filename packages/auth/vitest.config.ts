import { defineProject } from 'vitest/config';

// The tests start real tenants and service processes: on a busy machine their set-up takes longer than vitest's 10 s default.
export default defineProject({
  test: { name: 'auth', include: ['test/**/*.test.ts'], hookTimeout: 30_000, testTimeout: 20_000 },
});
