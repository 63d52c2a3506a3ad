import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every workspace package's own vitest.config.ts as a project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'scripts'],
  },
});
