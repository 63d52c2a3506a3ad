import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOptions } from '../src/bench/options.ts';
import { formatReport, spread, summarize } from '../src/bench/report.ts';
import type { BenchResult, Sample } from '../src/bench/run-bench.ts';
import { readStartCommand } from '../src/start-command.ts';

type Figures = [health: number, cached: number, distinct: number, write?: number, dpop?: number];

/**
 * A round's samples with the given CPU µs per request (1000 requests each, 0.5 s); a write costs 1.5 reads
 * and a DPoP request 1.25 new tokens unless given; the library's unprotected read costs `open` (default: its /health's), and `front` behind
 * the service's front (default: `open`).
 */
function round(
  n: number,
  us: {
    library: Figures;
    project: Figures;
    open?: number;
    front?: number;
    unmetered?: [health: number, cached: number];
  },
): Sample[] {
  const sample = (app: Sample['app'], scenario: Sample['scenario'], usPerRequest: number): Sample => ({
    round: n,
    app,
    scenario,
    requests: 1000,
    seconds: 0.5,
    usPerRequest,
  });
  // The project with METRICS=off runs only its /health and the read with a reused token.
  const [unmeteredHealth, unmeteredCached] = us.unmetered ?? [us.project[0], us.project[1]];
  const unmetered = [sample('unmetered', 'health', unmeteredHealth), sample('unmetered', 'cached', unmeteredCached)];
  return (['library', 'project'] as const)
    .flatMap((app) => {
      const [health, cached, distinct, write = cached * 1.5, dpop = distinct * 1.25] = us[app];
      const rows: [Sample['scenario'], number][] = [
        ['health', health],
        ['cached', cached],
        ['distinct', distinct],
        ['dpop', dpop],
        ['write', write],
      ];
      if (app === 'library') rows.push(['open', us.open ?? health], ['front', us.front ?? us.open ?? health]);
      return rows.map(([scenario, usPerRequest]) => sample(app, scenario, usPerRequest));
    })
    .concat(unmetered);
}

describe('bench figures', () => {
  it('takes medians and ranges', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spread([4, 1, 3, 2]).median).toBe(2.5);
    expect(spread([]).median).toBeNaN();
  });

  it('compares a miss over a hit (project) with a new token over the unprotected read (library), round by round', () => {
    const s = summarize([
      ...round(1, { library: [50, 150, 170], project: [60, 66, 186] }),
      ...round(2, { library: [55, 160, 180], project: [65, 70, 180] }),
      ...round(3, { library: [45, 140, 145], project: [50, 58, 158] }),
    ]);
    expect(s.cells.library.health.us).toEqual({ median: 50, min: 45, max: 55 });
    expect(s.cells.project.distinct.reqPerSec).toBe(2000);
    expect(s.libraryMissUs).toEqual({ median: 120, min: 100, max: 125 });
    expect(s.projectMissUs).toEqual({ median: 110, min: 100, max: 120 });
    // 120/120, 110/125, 100/100: judged per round, not as a ratio of medians.
    expect(s.missRatio.median).toBeCloseTo(1);
    expect(s.missRatio.min).toBeCloseTo(0.88);
    // 66/50, 70/55, 58/45
    expect(s.hitRatio.median).toBeCloseTo(58 / 45);
    expect(s.frontUs.median).toBe(0);
    expect(s.writeRatio.median).toBeCloseTo(1.5);
    // A DPoP request over a Bearer one with a new token, per round (the figures' default: 1.25).
    expect(s.dpopRatio.median).toBeCloseTo(1.25);
  });

  it('leaves out a round where the library seemed to verify for free', () => {
    const s = summarize([
      ...round(1, { library: [50, 150, 170], project: [60, 66, 186], open: 180 }),
      ...round(2, { library: [50, 150, 170], project: [60, 66, 186], open: 70 }),
    ]);
    expect(s.missRatio).toEqual({ median: 1.2, min: 1.2, max: 1.2 });
  });

  it('judges a hit against the read behind the same front, and reports what the front costs', () => {
    const s = summarize([
      ...round(1, { library: [50, 150, 170], project: [60, 90, 186], open: 60, front: 80 }),
      ...round(2, { library: [50, 150, 170], project: [60, 99, 186], open: 62, front: 90 }),
    ]);
    // 90/80 and 99/90; the front: 80 − 60 and 90 − 62
    expect(s.hitRatio).toEqual({ median: (1.125 + 1.1) / 2, min: 1.1, max: 1.125 });
    expect(s.frontUs).toEqual({ median: 24, min: 20, max: 28 });
    expect(s.cells.library.front.us.median).toBe(85);
  });

  it("compares the project's write with its own read, round by round", () => {
    const s = summarize([
      ...round(1, { library: [50, 150, 170, 200], project: [60, 66, 186, 99] }),
      ...round(2, { library: [50, 150, 170, 200], project: [60, 70, 186, 140] }),
    ]);
    expect(s.writeRatio).toEqual({ median: 1.75, min: 1.5, max: 2 });
    expect(s.cells.library.write.us.median).toBe(200);
  });

  it('prints every ratio with its goal, and labels a reader of the repository understands', () => {
    const result: BenchResult = {
      date: '2026-12-01T00:00:00.000Z',
      machine: 'a CPU, 2 cores, Node v20.20.2',
      pinning: 'not pinned (one core)',
      command: 'node --import tsx <entry>',
      options: { rounds: 1, requests: 1000, warmUpRequests: 100, connections: 16, cpuProf: false },
      samples: round(1, { library: [50, 150, 170], project: [60, 66, 250], unmetered: [55, 60] }),
      apps: {
        library: { peakRssBytes: 80 * 2 ** 20, jwksFetches: 1 },
        project: { peakRssBytes: 150 * 2 ** 20, jwksFetches: 1 },
        unmetered: { peakRssBytes: 140 * 2 ** 20, jwksFetches: 1 },
      },
      failures: [],
      profileDir: undefined,
    };
    const text = formatReport(result);
    expect(text).toMatch(/project\/library\s+1\.53 \(1\.53–1\.53\)\s+goal ≤ 1\.10\s+MISS/);
    expect(text).toMatch(
      /A reused token, project, over the read unprotected behind the same front \(library\):\s+1\.32 .*goal ≤ 1\.18 \(1\/0\.85\)\s+MISS/,
    );
    expect(text).toMatch(/The service's front \(log line, helmet, CORS\) on the read, library:\s+0 \(0–0\) µs/);
    expect(text).toMatch(/the same, behind the front\s+50 \(50–50\)\s+n\/a/);
    expect(text).toMatch(/a write \(POST\), one token\s+225 \(225–225\)\s+99 \(99–99\)\s+0\.44/);
    expect(text).toMatch(/A write over a read with a reused token, project:\s+1\.50 \(1\.50–1\.50\)/);
    expect(text).toMatch(
      /Metrics \(METRICS=on over off\), a reused token, project:\s+1\.10 \(1\.10–1\.10\), 6 \(6–6\) µs/,
    );
    expect(text).toMatch(/JWKS fetches: library 1, project 1 .*PASS/);
    expect(text).toMatch(/project 150\.0 MiB\s+goal: project ≤ library \+ 16 MiB\s+MISS/);
    expect(text).not.toMatch(/issue|DESIGN/i);
  });
});

describe('bench options', () => {
  it('has full and quick defaults, and refuses unknown options and bad numbers', () => {
    expect(parseOptions([])).toMatchObject({ rounds: 5, requests: 4000, cpuProf: false });
    expect(parseOptions(['--', '--quick'])).toMatchObject({ rounds: 1, requests: 300 });
    expect(parseOptions(['--help'])).toBeUndefined();
    expect(parseOptions(['--rounds', '3', '--requests', '100', '--cpu-prof'])).toMatchObject({
      rounds: 3,
      requests: 100,
      warmUpRequests: 100,
      cpuProf: true,
    });
    expect(() => parseOptions(['--rounds', '0'])).toThrow(/--rounds must be a positive whole number/);
    expect(() => parseOptions(['--frobnicate'])).toThrow();
  });
});

describe('the app start script', () => {
  const root = mkdtempSync(join(tmpdir(), 'organizer-bench-start-'));
  const app = (name: string, start: string | undefined): string => {
    mkdirSync(join(root, name), { recursive: true });
    writeFileSync(join(root, name, 'package.json'), JSON.stringify({ scripts: start === undefined ? {} : { start } }));
    return join(root, name);
  };

  it('keeps the node flags and entry of node, tsx and node --import tsx scripts, and says which need tsx', () => {
    const tsx = ['--import', 'tsx'];
    expect(readStartCommand(root, app('a', 'tsx src/index.ts'))).toMatchObject({
      nodeFlags: [],
      runner: tsx,
      entry: 'src/index.ts',
    });
    expect(readStartCommand(root, app('b', 'tsx --max-semi-space-size=4 src/main.ts'))).toMatchObject({
      nodeFlags: ['--max-semi-space-size=4'],
      runner: tsx,
      entry: 'src/main.ts',
    });
    expect(readStartCommand(root, app('c', 'node --max-old-space-size=96 --import tsx src/index.ts'))).toMatchObject({
      nodeFlags: ['--max-old-space-size=96'],
      runner: tsx,
      entry: 'src/index.ts',
    });
    expect(
      readStartCommand(root, app('g', 'node --conditions=@organizer/source --max-semi-space-size=4 src/index.ts')),
    ).toMatchObject({
      nodeFlags: ['--conditions=@organizer/source', '--max-semi-space-size=4'],
      runner: [],
      entry: 'src/index.ts',
    });
  });

  it('falls back to src/index.ts without flags for any other shape', () => {
    const fallback = { nodeFlags: [], runner: [], entry: 'src/index.ts' };
    expect(readStartCommand(root, app('d', 'vite'))).toMatchObject(fallback);
    expect(readStartCommand(root, app('e', 'tsx watch src/index.ts'))).toMatchObject(fallback);
    expect(readStartCommand(root, app('f', undefined))).toMatchObject({ ...fallback, script: '' });
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));
});
