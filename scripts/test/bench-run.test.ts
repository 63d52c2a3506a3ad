import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../src/bench/report-types.ts';

const scriptsDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = dirname(scriptsDir);
const scratch = mkdtempSync(join(tmpdir(), 'organizer-bench-test-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `pnpm bench` (its entry, as the root script does) and collects its exit code and output. */
function bench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(scriptsDir, 'src/bench.ts'), ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A service folder whose src/index.ts is the given plain JavaScript (valid TypeScript too). */
function fakeService(name: string, source: string): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src/index.ts'), source);
  return dir;
}

describe('pnpm bench --quick against apps/contacts', () => {
  it('measures every scenario with the expected statuses and writes the JSON report', async () => {
    const jsonPath = join(scratch, 'report.json');
    // 2 s rounds rather than --quick's 1 s: on a loaded 2-core machine (CI runs other suites beside this one)
    // a 1 s /health round once completed no request at all, which says nothing about the service.
    const { code, stdout, stderr } = await bench(['--quick', '--rounds', '1', '--seconds', '2', '--json', jsonPath]);
    expect(stderr).not.toMatch(/pnpm bench:/);
    expect(code).toBe(0);
    expect(stdout).toContain('ratio to /health');

    const report = JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchReport;
    expect(report.mode).toBe('quick');
    expect(report.failures).toEqual([]);
    const byName = Object.fromEntries(report.scenarios.map((s) => [s.name, s]));
    expect(Object.keys(byName)).toEqual(['health', 'reused', 'distinct', 'bad-signature', 'unknown-kid']);
    const expected = { health: '200', reused: '200', distinct: '200', 'bad-signature': '401', 'unknown-kid': '401' };
    for (const [name, status] of Object.entries(expected)) {
      const s = byName[name]!;
      expect(Object.keys(s.statusCounts), name).toEqual([status]);
      expect(s.statusCounts[status], name).toBeGreaterThan(0);
      expect(s.unexpected, name).toBe(0);
      expect(s.rounds.length, name).toBe(1);
      expect(s.reqPerSec.median, name).toBeGreaterThan(0);
    }
    expect(byName.distinct!.tokensReused).toBe(false);
    expect(byName.reused!.ratio.median).toBeGreaterThan(0);

    // One discovery and one JWKS fetch, whatever the load and the bad signatures.
    expect(report.fetches.afterWarmup).toEqual({ discovery: 1, jwks: 1, other: 0 });
    expect(report.fetches.afterRounds).toEqual({ discovery: 1, jwks: 1, other: 0 });
    expect(report.fetches.afterUnknownKid.discovery).toBe(1);
    expect(report.fetches.afterUnknownKid.jwks).toBeLessThanOrEqual(1 + report.fetches.unknownKidRefetchesAllowed);

    expect(report.service.peakRssBytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.devStartup).toEqual({ skipped: 'not selected' });
    expect(report.goals.map((g) => g.goal)).toContain('one token reused');
    for (const g of report.goals) expect(['PASS', 'MISS', 'SKIP']).toContain(g.status);
  });
});

describe('pnpm bench failures', () => {
  it('exits 1 with the service output when the service does not start', async () => {
    const dir = fakeService('crashes', "console.error('cannot start: no database'); process.exit(3);\n");
    const { code, stderr } = await bench(['--service', '--app', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain('exited with code 3 before it was ready');
    expect(stderr).toContain('cannot start: no database');
  });

  it('exits 1 when the protected route lets a request without a valid token through', async () => {
    const dir = fakeService(
      'unprotected',
      "import { createServer } from 'node:http';\n" +
        "createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'))\n" +
        "  .listen(Number(process.env.PORT), '127.0.0.1');\n",
    );
    const { code, stderr } = await bench(['--service', '--app', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/GET \/api\/contacts answered 200, expected 401/);
  });
});
