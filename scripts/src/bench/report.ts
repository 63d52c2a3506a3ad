import { median } from './load.ts';
import { APPS, type AppName, type BenchResult, type Sample, SCENARIOS, type ScenarioName } from './run-bench.ts';

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** What each round gives, as medians and ranges over the rounds. */
export interface Summary {
  /** CPU µs per request and requests per second, per service and scenario. */
  readonly cells: Record<AppName, Record<ScenarioName, { readonly us: Spread; readonly reqPerSec: number }>>;
  /** What verifying a new token costs the library alone: a new token's CPU over the same read unprotected behind the same front. */
  readonly libraryMissUs: Spread;
  /** What verifying a new token costs the project's service: a new token's CPU over a reused one's. */
  readonly projectMissUs: Spread;
  /** projectMissUs / libraryMissUs, round by round. */
  readonly missRatio: Spread;
  /**
   * The project's CPU for a reused token over the same read unprotected behind the same front (the library
   * app's /bench/front-read), round by round: what the protection costs on a cache hit.
   */
  readonly hitRatio: Spread;
  /** What the service's front (log line, helmet, CORS) adds to the read, measured in the library app. */
  readonly frontUs: Spread;
  /**
   * The project's CPU for a DPoP request (a bound token and a new proof, checked and recorded once) over a
   * Bearer request with a new token, round by round: what sender-constraining adds to a verification.
   */
  readonly dpopRatio: Spread;
  /** The project's CPU for a write (POST) over a read with a reused token, round by round. */
  readonly writeRatio: Spread;
  /** What METRICS=on adds to a read with a reused token, project over `unmetered`, in µs and as a ratio, round by round. */
  readonly metricsUs: Spread;
  readonly metricsRatio: Spread;
}

export const GOALS = { missRatio: 1.1, hitRatio: 1 / 0.85, jwksFetches: 2, extraRssMiB: 16 } as const;

export function spread(values: readonly number[]): Spread {
  return {
    median: median(values),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

export function summarize(samples: readonly Sample[]): Summary {
  const rounds = [...new Set(samples.map((s) => s.round))];
  const us = (round: number, app: AppName, scenario: ScenarioName): number => {
    const s = samples.find((x) => x.round === round && x.app === app && x.scenario === scenario);
    return s === undefined ? Number.NaN : s.usPerRequest;
  };
  const perRound = (f: (round: number) => number): Spread => spread(rounds.map(f).filter((x) => !Number.isNaN(x)));
  const cell = (app: AppName, scenario: ScenarioName) => {
    const runs = samples.filter((s) => s.app === app && s.scenario === scenario);
    return {
      us: perRound((r) => us(r, app, scenario)),
      reqPerSec: spread(runs.map((s) => s.requests / s.seconds)).median,
    };
  };
  const row = (app: AppName) => ({
    health: cell(app, 'health'),
    open: cell(app, 'open'),
    front: cell(app, 'front'),
    cached: cell(app, 'cached'),
    distinct: cell(app, 'distinct'),
    dpop: cell(app, 'dpop'),
    write: cell(app, 'write'),
  });
  const libraryMiss = (r: number) => us(r, 'library', 'distinct') - us(r, 'library', 'front');
  const projectMiss = (r: number) => us(r, 'project', 'distinct') - us(r, 'project', 'cached');
  return {
    cells: { library: row('library'), project: row('project'), unmetered: row('unmetered') },
    libraryMissUs: perRound(libraryMiss),
    projectMissUs: perRound(projectMiss),
    // A round where noise ate either verification (≤ 0) has no meaningful ratio.
    missRatio: perRound((r) =>
      libraryMiss(r) > 0 && projectMiss(r) > 0 ? projectMiss(r) / libraryMiss(r) : Number.NaN,
    ),
    hitRatio: perRound((r) => us(r, 'project', 'cached') / us(r, 'library', 'front')),
    frontUs: perRound((r) => us(r, 'library', 'front') - us(r, 'library', 'open')),
    dpopRatio: perRound((r) => us(r, 'project', 'dpop') / us(r, 'project', 'distinct')),
    writeRatio: perRound((r) => us(r, 'project', 'write') / us(r, 'project', 'cached')),
    metricsUs: perRound((r) => us(r, 'project', 'cached') - us(r, 'unmetered', 'cached')),
    metricsRatio: perRound((r) => us(r, 'project', 'cached') / us(r, 'unmetered', 'cached')),
  };
}

const LABELS: Record<ScenarioName, string> = {
  health: 'GET /health (open route)',
  open: 'the read, unprotected',
  front: 'the same, behind the front',
  cached: 'one token, reused',
  distinct: 'a new token every request',
  dpop: 'DPoP: a new proof each',
  write: 'a write (POST), one token',
};

const n = (x: number, digits = 0): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const range = (s: Spread, digits = 0): string => `${n(s.median, digits)} (${n(s.min, digits)}–${n(s.max, digits)})`;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
const pad = (text: string, width: number): string => text.padEnd(width);

export function formatReport(result: BenchResult): string {
  const { options } = result;
  const lines = [
    `pnpm bench, ${result.date}: ${result.machine}; ${result.pinning}`,
    `express-oauth2-jwt-bearer alone ("library", behind the service's log line, helmet and CORS) against the contacts service ("project"),`,
    `and the contacts service with METRICS=off ("unmetered", its /health and a reused token only),`,
    `all started as \`${result.command}\`; ${options.rounds} interleaved round(s) of ${options.requests} requests`,
    `per scenario and service, ${options.connections} connections, after ${options.warmUpRequests} warm-up requests each.`,
  ];
  if (result.samples.length === 0) return [...lines, '', 'Nothing was measured.'].join('\n');
  const s = summarize(result.samples);
  lines.push(
    '',
    "CPU µs per request (the service process's CPU time / requests, the median of each run's 100 ms windows):",
    'median (min–max) over rounds; requests per second: median',
  );
  lines.push(
    `${pad('scenario', 28)}${pad('library µs', 18)}${pad('project µs', 18)}${pad('project/library', 17)}${pad('library req/s', 15)}project req/s`,
  );
  for (const scenario of SCENARIOS) {
    const [library, project] = APPS.map((app) => s.cells[app][scenario]);
    if (library === undefined || project === undefined) continue;
    lines.push(
      pad(LABELS[scenario], 28) +
        pad(range(library.us), 18) +
        pad(range(project.us), 18) +
        pad(n(project.us.median / library.us.median, 2), 17) +
        pad(n(library.reqPerSec), 15) +
        n(project.reqPerSec),
    );
  }
  const rss = result.apps.project.peakRssBytes;
  const libraryRss = result.apps.library.peakRssBytes;
  const rssMiB = (app: AppName) => {
    const bytes = result.apps[app].peakRssBytes;
    return bytes === undefined ? 'n/a' : `${n(bytes / 2 ** 20, 1)} MiB`;
  };
  const jwks = result.apps.project.jwksFetches;
  lines.push(
    '',
    'Verifying a new token, CPU µs per request (median, min–max over rounds):',
    `  library: a new token minus the read behind the front  ${range(s.libraryMissUs)}`,
    `  project: a new token minus a reused token            ${range(s.projectMissUs)}   (what a cache miss costs)`,
    `  project/library                                      ${range(s.missRatio, 2)}   goal ≤ ${n(GOALS.missRatio, 2)}  ${verdict(s.missRatio.median <= GOALS.missRatio)}`,
    `A reused token, project, over the read unprotected behind the same front (library):  ${range(s.hitRatio, 2)}   goal ≤ ${n(GOALS.hitRatio, 2)} (1/0.85)  ${verdict(s.hitRatio.median <= GOALS.hitRatio)}`,
    `The service's front (log line, helmet, CORS) on the read, library:  ${range(s.frontUs)} µs   (every route of the service pays it; no goal)`,
    `DPoP (a new proof each, recorded once) over Bearer with a new token, project:  ${range(s.dpopRatio, 2)}   (the proof's ES256 check and an INSERT; no goal)`,
    `A write over a read with a reused token, project:              ${range(s.writeRatio, 2)}   (the JSON body, its schema and an INSERT; no goal)`,
    `Metrics (METRICS=on over off), a reused token, project:  ${range(s.metricsRatio, 2)}, ${range(s.metricsUs)} µs   (the request counters, histogram and auth observer; no goal)`,
    `JWKS fetches: library ${result.apps.library.jwksFetches}, project ${jwks}   goal ≤ ${GOALS.jwksFetches} per service  ${verdict(jwks <= GOALS.jwksFetches)}`,
    `Peak RSS (VmHWM): library ${rssMiB('library')}, project ${rssMiB('project')}   goal: project ≤ library + ${GOALS.extraRssMiB} MiB  ${rss === undefined || libraryRss === undefined ? 'not measured' : verdict(rss <= libraryRss + GOALS.extraRssMiB * 2 ** 20)}`,
  );
  if (result.profileDir !== undefined) lines.push('', `CPU profiles (one folder per service): ${result.profileDir}`);
  return lines.join('\n');
}
