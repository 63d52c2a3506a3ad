// `pnpm build` once per test run, for every file that needs the build (built-stack.test.ts,
// deployment.test.ts, and the page's own: bundle.test.ts, security-headers.test.ts, serving-secrets.test.ts). Two builds at once would write the same dist/ folders, and a second build would
// replace files that the first file's processes are serving; so the first file to ask builds, under a lock
// in the run's folder (test/global-setup.ts), and any other waits for that build and gets its result.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { inject } from 'vitest';

export interface BuildResult {
  code: number | null;
  output: string;
  /** How long the build itself took. */
  seconds: number;
  /** True when another test file of this run had already built (this one waited for it). */
  shared: boolean;
}

/** The environment of a build or of the built parts: plain node, none of the tests' source condition. */
export function plainEnv(): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _sourceCondition, ...env } = process.env;
  return env;
}

/**
 * Set in the build's environment, so that bundle.test.ts can show that none of it reaches the page: the
 * SPA's own variables and a machine client's secret, as a developer's shell or .env may hold them.
 */
export const PLANTED_IN_BUILD = {
  AUTH0_CLIENT_ID: 'bundle-test-client',
  AUTH0_M2M_CLIENT_ID: 'bundle-test-m2m',
  AUTH0_M2M_CLIENT_SECRET: 'bundle-test-secret-7f3a9c',
} as const;

/** Where the run's build puts the page (what `pnpm start`, `vite preview` and nginx serve). */
export const BUILT_PAGE_DIR = join(findRepoRoot(), 'apps', 'spa', 'dist', 'public');

async function build(): Promise<Omit<BuildResult, 'shared'>> {
  const started = performance.now();
  const env = { ...plainEnv(), ...PLANTED_IN_BUILD };
  const child = spawn('pnpm', ['build'], { cwd: findRepoRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output, seconds: (performance.now() - started) / 1000 };
}

/** `pnpm build` in the repository, run at most once per test run; waits up to `timeoutMs` for another file's build. */
export async function pnpmBuildOnce(timeoutMs = 240_000): Promise<BuildResult> {
  const dir = inject('spaRunDir');
  const lock = join(dir, 'build.lock');
  const resultFile = join(dir, 'build.json');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = await readFile(resultFile, 'utf8').catch(() => undefined);
    if (done !== undefined) return { ...(JSON.parse(done) as Omit<BuildResult, 'shared'>), shared: true };
    const mine = await mkdir(lock).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') return false;
        throw error;
      },
    );
    if (mine) {
      try {
        // The builder may have finished between the read above and taking its released lock: never build twice,
        // since a second build would empty dist/public under the servers of the files using the first.
        const meanwhile = await readFile(resultFile, 'utf8').catch(() => undefined);
        if (meanwhile !== undefined) return { ...(JSON.parse(meanwhile) as Omit<BuildResult, 'shared'>), shared: true };
        const result = await build();
        await writeFile(resultFile, JSON.stringify(result));
        return { ...result, shared: false };
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
    }
    if (Date.now() > deadline)
      throw new Error(`another test file's pnpm build did not finish within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
