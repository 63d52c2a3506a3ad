import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'contacts', include: ['test/**/*.test.ts'] },
});
