import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const scriptsDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** Runs `pnpm bench` (its entry, as the root script does) and collects its exit code and output. */
function bench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(scriptsDir, 'src/bench.ts'), ...args], {
      cwd: dirname(scriptsDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pnpm bench', () => {
  // A few seconds on a quiet machine; the bound is for a 2-core machine shared with other test suites. This
  // checks the report, not the speed: 100 requests a scenario (a third of --quick's) are enough for that.
  it('--quick measures both services in every scenario and prints the ratios', { timeout: 180_000 }, async () => {
    const { code, stdout, stderr } = await bench(['--quick', '--requests', '100']);
    expect(stderr).not.toMatch(/pnpm bench:/);
    expect(code).toBe(0);
    for (const label of [
      'GET /health (open route)',
      'one token, reused',
      'a new token every request',
      'DPoP: a new proof each',
      'a write (POST), one token',
    ]) {
      expect(stdout).toMatch(
        new RegExp(
          `${label.replace(/[()/]/g, '\\$&')}\\s+\\d+ \\(\\d+–\\d+\\)\\s+\\d+ \\(\\d+–\\d+\\)\\s+\\d+\\.\\d\\d\\s+\\d+\\s+\\d+`,
        ),
      );
    }
    // --quick measures too little to be sure of a positive difference: then the ratio is n/a.
    expect(stdout).toMatch(/project\/library\s+(\d+\.\d\d|n\/a) .*goal ≤ 1\.10\s+(PASS|MISS)/);
    expect(stdout).toMatch(
      /A reused token, project, over the read unprotected behind the same front \(library\):\s+\d+\.\d\d .*(PASS|MISS)/,
    );
    expect(stdout).toMatch(
      /The service's front \(log line, helmet, CORS\) on the read, library:\s+-?\d+ \(-?\d+–-?\d+\) µs/,
    );
    expect(stdout).toMatch(/A write over a read with a reused token, project:\s+\d+\.\d\d /);
    expect(stdout).toMatch(
      /DPoP \(a new proof each, recorded once\) over Bearer with a new token, project:\s+\d+\.\d\d /,
    );
    // The metrics' cost may come out negative when --quick's noise exceeds it; it is printed all the same.
    expect(stdout).toMatch(
      /Metrics \(METRICS=on over off\), a reused token, project:\s+\d+\.\d\d \(\d+\.\d\d–\d+\.\d\d\), -?\d+ \(-?\d+–-?\d+\) µs/,
    );
    expect(stdout).toMatch(/the read, unprotected\s+\d+ \(\d+–\d+\)\s+n\/a/);
    expect(stdout).toMatch(/the same, behind the front\s+\d+ \(\d+–\d+\)\s+n\/a/);
    // Each service fetched the keys once: at start-up (project) or on its first token (library).
    expect(stdout).toMatch(/JWKS fetches: library 1, project 1 /);
    expect(stdout).toMatch(/Peak RSS \(VmHWM\): library \d+\.\d MiB, project \d+\.\d MiB/);
  });

  it('refuses an unknown option with its usage', async () => {
    const { code, stderr } = await bench(['--seconds', '3']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/usage: pnpm bench/);
  });
});
