import { afterAll, describe, expect, it } from 'vitest';
import { areaOf, summarizeProfiles } from '../src/bench/cpu-profile.ts';
import { parseOptions } from '../src/bench/options.ts';
import { roundOrder } from '../src/bench/scenarios.ts';
import { median, spread } from '../src/bench/stats.ts';
import { roundFigures, summarizeScenario } from '../src/bench/summarize.ts';
import type { LoadResult } from '../src/bench/load-job.ts';
import { readStartCommand } from '../src/start-command.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const load = (over: Partial<LoadResult>): LoadResult => ({
  requests: 1000,
  seconds: 1,
  reqPerSec: 1000,
  statusCounts: { '200': 1000 },
  errors: 0,
  timeouts: 0,
  p50Ms: 1,
  p99Ms: 5,
  tokensUsed: 0,
  ...over,
});

describe('bench statistics', () => {
  it('takes the median of odd and even counts and the spread', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(spread([0.5, 0.9, 0.7])).toEqual({ median: 0.7, min: 0.5, max: 0.9 });
  });

  it('divides by /health of the same round, by wall time and by service CPU time', () => {
    const health = load({ reqPerSec: 8000, requests: 8000, serviceCpu: { run: 1, wait: 0 } });
    const reused = load({ reqPerSec: 6000, requests: 6000, serviceCpu: { run: 0.9, wait: 0.2 } });
    const figures = roundFigures(2, reused, health);
    expect(figures.round).toBe(2);
    expect(figures.ratio).toBeCloseTo(0.75);
    expect(figures.cpuRatio).toBeCloseTo(6000 / 0.9 / 8000);
    expect(figures.cpuShare).toBeCloseTo(0.9);
    expect(figures.queueWaitShare).toBeCloseTo(0.2);
  });

  it('counts every response with another status, every error and an exhausted token pool', () => {
    const scenario = { name: 'distinct', label: 'x', path: '/api/contacts', expectedStatus: 200 } as const;
    const rounds = [
      roundFigures(1, load({ statusCounts: { '200': 990, '401': 10 }, errors: 2, tokensUsed: 1000 }), load({})),
      roundFigures(2, load({ tokensUsed: 1200 }), load({})),
    ];
    const report = summarizeScenario(scenario, rounds, [1100, 1100]);
    expect(report.unexpected).toBe(12);
    expect(report.statusCounts).toEqual({ '200': 1990, '401': 10 });
    expect(report.tokensReused).toBe(true);
    expect(summarizeScenario(scenario, rounds.slice(0, 1), [1100]).tokensReused).toBe(false);
  });

  it('keeps as clean only the rounds where both runs had at least 90% of the service core', () => {
    const scenario = { name: 'reused', label: 'x', path: '/api/contacts', expectedStatus: 200 } as const;
    const busy = { run: 0.5, wait: 0.5 };
    const alone = { run: 0.95, wait: 0 };
    const rounds = [
      roundFigures(1, load({ reqPerSec: 900, serviceCpu: alone }), load({ reqPerSec: 1000, serviceCpu: alone })),
      roundFigures(2, load({ reqPerSec: 900, serviceCpu: alone }), load({ reqPerSec: 300, serviceCpu: busy })),
      roundFigures(3, load({ reqPerSec: 800, serviceCpu: alone }), load({ reqPerSec: 1000, serviceCpu: alone })),
    ];
    const report = summarizeScenario(scenario, rounds);
    expect(report.clean.rounds).toBe(2);
    expect(report.clean.ratio.median).toBeCloseTo(0.85);
    expect([report.clean.ratio.min, report.clean.ratio.max]).toEqual([0.8, 0.9]);
    expect(report.ratio.max).toBeCloseTo(3);
  });

  it('starts each round at another scenario', () => {
    expect(roundOrder(0, ['health', 'reused', 'distinct'])).toEqual(['health', 'reused', 'distinct']);
    expect(roundOrder(1, ['health', 'reused', 'distinct'])).toEqual(['reused', 'distinct', 'health']);
  });
});

describe('bench options', () => {
  const now = new Date('2026-11-22T06:00:00.000Z');

  it('runs everything by default and only the service with --quick', () => {
    const full = parseOptions([], now);
    expect([full.service, full.devStartup, full.bundle, full.quick]).toEqual([true, true, true, false]);
    const quick = parseOptions(['--quick'], now);
    expect([quick.service, quick.devStartup, quick.bundle]).toEqual([true, false, false]);
    expect(quick.seconds).toBeLessThan(full.seconds);
    expect(parseOptions(['--bundle'], now)).toMatchObject({ service: false, devStartup: false, bundle: true });
    expect(parseOptions(['--', '--bundle'], now)).toMatchObject({ service: false, bundle: true });
  });

  it('gives --json a dated default file and keeps an explicit one', () => {
    expect(parseOptions(['--json'], now).jsonPath).toBe('bench-results/bench-2026-11-22T06-00-00-000Z.json');
    expect(parseOptions(['--json', '--quick'], now)).toMatchObject({ jsonPath: 'bench-results/bench-2026-11-22T06-00-00-000Z.json', quick: true });
    expect(parseOptions(['--json', 'out.json'], now).jsonPath).toBe('out.json');
    expect(parseOptions([], now).jsonPath).toBeUndefined();
  });

  it('always keeps /health in the scenarios and refuses unknown ones and bad numbers', () => {
    expect(parseOptions(['--scenarios', 'reused'], now).scenarios).toEqual(['health', 'reused']);
    expect(() => parseOptions(['--scenarios', 'reused,fast'], now)).toThrow(/unknown "fast"/);
    expect(() => parseOptions(['--rounds', '0'], now)).toThrow(/--rounds must be a positive number/);
    expect(() => parseOptions(['--frobnicate'], now)).toThrow();
  });
});

describe('CPU profile areas', () => {
  it('names the package, node internals, the repo part or the V8 pseudo-frame', () => {
    expect(areaOf('file:///r/node_modules/.pnpm/jose@6.2.17/node_modules/jose/dist/webapi/jwt/verify.js', 'jwtVerify')).toBe('jose');
    expect(areaOf('file:///r/node_modules/.pnpm/@types+x@1/node_modules/@scope/pkg/a.js', 'f')).toBe('@scope/pkg');
    expect(areaOf('node:internal/crypto/sig', 'x')).toBe('node:internal/crypto');
    expect(areaOf('node:_http_server', 'x')).toBe('node:_http_server');
    expect(areaOf('file:///r/packages/auth/src/token-cache.ts', 'get')).toBe('packages/auth');
    expect(areaOf('', '(garbage collector)')).toBe('(garbage collector)');
  });
});

describe('the app start script', () => {
  const root = mkdtempSync(join(tmpdir(), 'organizer-bench-start-'));
  const app = (name: string, start: string | undefined): string => {
    mkdirSync(join(root, name), { recursive: true });
    writeFileSync(join(root, name, 'package.json'), JSON.stringify({ scripts: start === undefined ? {} : { start } }));
    return join(root, name);
  };

  it('keeps the node flags and entry of tsx and node --import tsx scripts', () => {
    expect(readStartCommand(root, app('a', 'tsx src/index.ts'))).toMatchObject({ nodeFlags: [], entry: 'src/index.ts' });
    expect(readStartCommand(root, app('b', 'tsx --max-semi-space-size=4 src/main.ts'))).toMatchObject({
      nodeFlags: ['--max-semi-space-size=4'],
      entry: 'src/main.ts',
    });
    expect(readStartCommand(root, app('c', 'node --max-old-space-size=96 --import tsx src/index.ts'))).toMatchObject({
      nodeFlags: ['--max-old-space-size=96'],
      entry: 'src/index.ts',
    });
  });

  it('falls back to src/index.ts without flags for any other shape', () => {
    const fallback = { nodeFlags: [], entry: 'src/index.ts' };
    expect(readStartCommand(root, app('d', 'vite'))).toMatchObject(fallback);
    expect(readStartCommand(root, app('e', 'tsx watch src/index.ts'))).toMatchObject(fallback);
    expect(readStartCommand(root, app('f', undefined))).toMatchObject({ ...fallback, script: '' });
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));
});

describe('CPU profile summaries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'organizer-bench-prof-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A V8 .cpuprofile: root -> handler (repo file) -> verify (jose), plus an idle node. */
  function profile(name: string, samples: number[], deltas: number[], startTime = 1000): string {
    const file = join(dir, name);
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9, columnNumber: 0, scriptId: '0' });
    writeFileSync(
      file,
      JSON.stringify({
        startTime,
        endTime: startTime + deltas.reduce((a, b) => a + b, 0),
        nodes: [
          { id: 1, callFrame: frame('(root)', ''), children: [2, 4] },
          { id: 2, callFrame: frame('handler', 'file:///r/packages/auth/src/authenticate.ts'), children: [3] },
          { id: 3, callFrame: frame('verify', 'file:///r/node_modules/.pnpm/jose@6/node_modules/jose/dist/verify.js') },
          { id: 4, callFrame: frame('(idle)', '') },
        ],
        samples,
        timeDeltas: deltas,
      }),
    );
    return file;
  }

  it('sums self time by area and function over several profiles, leaving idle out of busy time', () => {
    const a = profile('a.cpuprofile', [2, 3, 3, 4], [100, 100, 100, 100]);
    const b = profile('b.cpuprofile', [3, 4], [200, 200]);
    const s = summarizeProfiles([a, b]);
    expect(s.totalMs).toBeCloseTo(0.8);
    expect(s.busyMs).toBeCloseTo(0.5);
    expect(s.selfAll).toMatchObject({ jose: 0.4, 'packages/auth': 0.1, '(idle)': 0.3 });
    expect(s.fnAll['handler packages/auth/authenticate.ts:10']).toBeCloseTo(0.1);
    expect(s.selfByArea.map((x) => x.area)).toEqual(['jose', 'packages/auth']);
    expect(s.inclusiveByArea.find((x) => x.area === 'packages/auth')?.ms).toBeCloseTo(0.5);
    expect(s.ownFunctions.map((f) => f.fn)).toEqual(['handler packages/auth/authenticate.ts:10']);
  });

  it('drops the samples taken before the given time (start-up)', () => {
    const a = profile('c.cpuprofile', [2, 3, 3], [100, 100, 100], 1000);
    expect(summarizeProfiles([a], 15, 1250).selfAll).toEqual({ jose: 0.1 });
  });
});
