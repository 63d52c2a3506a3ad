import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { BundleReport, Skipped } from './report-types.ts';

const run = promisify(execFile);

/** Builds the SPA for production into a temporary folder and sums its JavaScript, gzipped at level 9. */
export async function measureBundle(repoRoot: string, log: (m: string) => void): Promise<BundleReport | Skipped> {
  const spa = join(repoRoot, 'apps/spa');
  if (!existsSync(join(spa, 'index.html'))) return { skipped: 'apps/spa has no index.html (no build yet)' };
  const outDir = mkdtempSync(join(tmpdir(), 'organizer-spa-build-'));
  try {
    log('building the SPA for production');
    try {
      await run('pnpm', ['--filter', './apps/spa', 'run', 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
    } catch (err) {
      const e = err as { stderr?: string; stdout?: string; message: string };
      const detail = (e.stderr || e.stdout || e.message).trim().split('\n').slice(-3).join(' | ');
      return { skipped: `the SPA build failed: ${detail}` };
    }
    const files = listFiles(outDir)
      .filter((f) => /\.(m?js)$/.test(f))
      .map((f) => {
        const content = readFileSync(f);
        return { file: relative(outDir, f), bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
      });
    if (files.length === 0) return { skipped: 'the SPA build produced no JavaScript' };
    return {
      files,
      jsBytes: files.reduce((sum, f) => sum + f.bytes, 0),
      jsGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
