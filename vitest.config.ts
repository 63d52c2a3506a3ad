import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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
 * Vitest's own order runs the projects one after another (by name), so the long browser files of `spa` would
 * start last and finish alone. This one orders every file of the run by its last duration, longest first
 * (failed ones first, as Vitest does); files without a recorded duration by SLOW_FILES, then larger first.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (spec: TestSpecification) => `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
    const slowRank = (spec: TestSpecification) => {
      const rank = SLOW_FILES.findIndex((pattern) => pattern.test(spec.moduleId));
      return rank === -1 ? SLOW_FILES.length : rank;
    };
    return [...files].sort((a, b) => {
      const group = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder;
      if (group !== 0) return group;
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

// One `vitest run` at the root runs every workspace package's own vitest.config.ts as a project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'scripts'],
    // Most files wait on processes they start (services, tenants, browsers): more files than cores at once.
    // Every project sets `isolate: false`: a worker keeps the modules it imported for its next file, which
    // saves re-importing Express, oidc-provider and the rest per file (about a tenth of the run's CPU time);
    // no test file depends on a fresh module state.
    maxWorkers: 4,
    sequence: { sequencer: LongestFirst },
  },
});
