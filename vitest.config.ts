import { join, relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { sourceEnv, useSources } from './vitest.sources.ts';

/**
 * Files that start many processes (a whole stack, a build, a benchmark, a service per test): on a run without
 * Vitest's cache of durations (a fresh clone, CI), these go first, so that their long waits overlap with the
 * short files instead of finishing alone at the end. docs/tests.md lists how long each takes.
 */
const SLOW_FILES = [
  /spa\/test\/deployment\.test\.ts$/,
  /\/test\/start\.test\.ts$/,
  /spa\/test\/browser(-flows)?\.test\.ts$/,
  /scripts\/test\/bench-run\.test\.ts$/,
  /spa\/test\/data\.browser\.test\.ts$/,
  /spa\/test\/built-stack\.test\.ts$/,
  /spa\/test\/browser-dpop\.test\.ts$/,
  /\/test\/copy-recipe\.test\.ts$/,
];

/**
 * Every file of the run ordered by its last duration, longest first (failed ones first, as Vitest does); files
 * without a recorded duration by SLOW_FILES, then larger first. So the long files start at once and the short
 * ones fill the gaps between their waits.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (spec: TestSpecification) => `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
    const slowRank = (spec: TestSpecification) => {
      const rank = SLOW_FILES.findIndex((pattern) => pattern.test(spec.moduleId));
      return rank === -1 ? SLOW_FILES.length : rank;
    };
    return [...files].sort((a, b) => {
      const [x, y] = [this.ctx.cache.getFileTestResults(key(a)), this.ctx.cache.getFileTestResults(key(b))];
      if (x && y) {
        if (x.failed !== y.failed) return x.failed ? -1 : 1;
        return y.duration - x.duration;
      }
      const slow = slowRank(a) - slowRank(b);
      if (slow !== 0) return slow;
      return (this.ctx.cache.getFileStats(key(b))?.size ?? 0) - (this.ctx.cache.getFileStats(key(a))?.size ?? 0);
    });
  }
}

// Node's on-disk cache of compiled code for every process of the run: the workers and what the tests start
// (services, tenants, Vite, pnpm) inherit it, so the hundred-odd starts of the same entry files compile
// Express, oidc-provider and the rest once, not each time (about 15% of a start's CPU). Node keys it by its
// version and each file's contents, so a stale entry is never used.
process.env.NODE_COMPILE_CACHE ??= join(import.meta.dirname, 'node_modules', '.cache', 'node-compile-cache');

// Every package's tests as one project: a worker keeps the modules it imported (Express, oidc-provider,
// Kysely, Vitest itself) for its next file, whichever package that file is in (`isolate: false`; no test file
// depends on a fresh module state). A project per package took a quarter more CPU: each started its own
// workers, which imported all of it again (Vitest's "import" time 144 s against 38 s).
export default defineConfig({
  ...useSources,
  test: {
    include: ['{packages,apps}/*/test/**/*.test.ts', 'scripts/test/**/*.test.ts'],
    // NODE_OPTIONS with the source condition, for every process a test starts (vitest.sources.ts).
    env: sourceEnv,
    isolate: false,
    // A folder the spa's files share within one run (the one `pnpm build`: apps/spa/test/e2e/build.ts).
    globalSetup: ['apps/spa/test/global-setup.ts'],
    // The browser files' flows and the benchmark's quick run take up to a minute; a stack or a build, minutes.
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // Most files wait on processes they start (services, tenants, browsers): more files than cores at once.
    maxWorkers: 4,
    sequence: { sequencer: LongestFirst },
  },
});
