import { defineProject } from 'vitest/config';

// The browser tests start the tenant, both services and the SPA, and drive a real Chromium: generous timeouts.
export default defineProject({
  test: { name: 'spa', include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
