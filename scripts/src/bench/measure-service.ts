import { startLocalIssuer, type LocalIssuer } from './issuer.ts';
import { startLoadGenerator, type LoadGenerator } from './load-client.ts';
import type { LoadJob, LoadResult } from './load-job.ts';
import type { Pinning } from './cpu-pinning.ts';
import { freePort } from '../free-port.ts';
import type { FetchReport, RoundFigures, ScenarioName, ScenarioReport } from './report-types.ts';
import { ROUND_SCENARIOS, roundOrder, SCENARIOS, type Scenario } from './scenarios.ts';
import { startService, type ServiceProcess } from './service-process.ts';
import { checkStatuses } from './status-check.ts';
import { PROFILE_BY_SIGNAL, ScenarioProfiler } from './scenario-profiler.ts';
import { measuredRunner } from './measured-runner.ts';
import { median } from './stats.ts';
import { roundFigures, summarizeScenario } from './summarize.ts';
import { mintBadSignature, mintPool, mintToken, mintUnknownKids, type TokenClaims } from './tokens.ts';

export interface MeasureOptions {
  repoRoot: string;
  appDir: string;
  audience: string;
  /** The scenarios of each round (/health included); see ROUND_SCENARIOS. */
  scenarios: ScenarioName[];
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** Upper bound on the fresh tokens one "new token every request" round may use. */
  maxPerRound: number;
  /** 0 skips the unknown-kid phase. */
  unknownKidSeconds: number;
  nodeFlags: string[];
  entry: string;
  preloads: string[];
  /** Profile every measured run separately into this folder (see ScenarioProfiler). */
  profileScenariosDir?: string;
  log(message: string): void;
}

export interface ServiceMeasurement {
  scenarios: ScenarioReport[];
  fetches: FetchReport;
  peakRssBytes: number | undefined;
  /** Resident set once /health first answered, before any load. */
  startRssBytes: number | undefined;
  /** Every request the load generator completed, warm-up included (to turn a CPU profile into µs/request). */
  servedRequests: number;
  /** process.hrtime at the start of the warm-up, in µs (CPU profiles are cut there). */
  loadStartedUs: number;
  distinctPerRound: number;
  failures: string[];
  /** With profileScenariosDir: where each scenario's time went, against /health's. */
  profileReport: string | undefined;
}

/** The library's default cooldown between key-set refetches for an unknown `kid`. */
const JWKS_COOLDOWN_SECONDS = 30;

export async function measureService(options: MeasureOptions, pinning: Pinning): Promise<ServiceMeasurement> {
  const { log } = options;
  const issuer = await startLocalIssuer();
  let service: ServiceProcess | undefined;
  let load: LoadGenerator | undefined;
  let profiler: ScenarioProfiler | undefined;
  try {
    const claims: TokenClaims = { issuer: issuer.url, audience: options.audience, scope: 'read:contacts', ttlSeconds: 3600 };
    const reused = await mintToken(issuer.privateKey, issuer.kid, claims, 'reused');
    const bad = await mintBadSignature(issuer.kid, claims);
    const unknownKids = await mintUnknownKids(claims, 100);
    const warmPool = await mintPool(issuer.privateKey, issuer.kid, claims, 1000 + options.connections * 2, 'warm');

    const port = await freePort();
    log(`starting ${options.appDir} on port ${port} against ${issuer.url}`);
    const profileDir = options.profileScenariosDir;
    service = await startService(
      {
        ...options,
        port,
        issuerUrl: issuer.url,
        preloads: [...options.preloads, ...(profileDir ? [PROFILE_BY_SIGNAL] : [])],
        extraEnv: profileDir ? { BENCH_PROFILE_DIR: profileDir } : {},
      },
      pinning,
    );
    profiler = profileDir ? new ScenarioProfiler(profileDir, service.pid) : undefined;
    const startRssBytes = service.rssBytes();
    load = await startLoadGenerator(pinning, options.repoRoot);
    await checkStatuses(service, reused, bad);

    const runner = measuredRunner(load, service);
    const measure = runner.run;
    const job = (scenario: Scenario, tokens: string[], extra: Partial<LoadJob> = {}): LoadJob => ({
      url: service!.baseUrl + scenario.path,
      connections: options.connections,
      duration: options.seconds,
      tokens,
      ...extra,
    });
    const tokensFor: Record<Exclude<ScenarioName, 'distinct' | 'unknown-kid'>, string[]> = {
      health: [],
      reused: [reused],
      'bad-signature': [bad],
    };

    log(`warm-up: ${options.warmupSeconds} s per scenario`);
    const loadStartedUs = Number(process.hrtime.bigint() / 1000n);
    for (const name of ['health', 'reused', 'bad-signature'] as const) {
      if (options.scenarios.includes(name)) {
        await measure(job(SCENARIOS[name], tokensFor[name], { duration: options.warmupSeconds }));
      }
    }
    const distinct = options.scenarios.includes('distinct');
    const warmDistinct = distinct
      ? (await measure(job(SCENARIOS.distinct, warmPool, { amount: warmPool.length - options.connections * 2 }))).reqPerSec
      : 0;
    const afterWarmup = issuer.counts();

    // Enough fresh tokens for each round to run about `seconds` at the rate seen in warm-up (+50%,
    // as warm-up is not fully JIT-compiled), so no token is ever sent twice in a measured round.
    const perRound = Math.max(500, Math.min(options.maxPerRound, Math.ceil(warmDistinct * options.seconds * 1.5)));
    const spare = options.connections * 2;
    if (distinct) log(`minting ${options.rounds} × ${perRound + spare} tokens (warm-up saw ${Math.round(warmDistinct)} req/s with new tokens)`);
    const pool = distinct ? await mintPool(issuer.privateKey, issuer.kid, claims, options.rounds * (perRound + spare), 'pool') : [];

    const rounds = new Map<ScenarioName, RoundFigures[]>();
    const poolSizes: number[] = [];
    const healthRuns: LoadResult[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const results = new Map<ScenarioName, LoadResult>();
      for (const name of roundOrder(round, options.scenarios)) {
        if (name === 'distinct') {
          const slice = pool.slice(round * (perRound + spare), (round + 1) * (perRound + spare));
          poolSizes.push(slice.length);
          const run = () => measure(job(SCENARIOS.distinct, slice, { amount: perRound }));
          results.set(name, await (profiler ? profiler.around(name, run) : run()));
        } else if (name !== 'unknown-kid') {
          const run = () => measure(job(SCENARIOS[name], tokensFor[name]));
          results.set(name, await (profiler ? profiler.around(name, run) : run()));
        }
      }
      const health = results.get('health');
      if (health) healthRuns.push(health);
      for (const [name, result] of results) {
        rounds.set(name, [...(rounds.get(name) ?? []), roundFigures(round + 1, result, health)]);
      }
      log(`round ${round + 1}/${options.rounds}: ${[...results].map(([n, r]) => `${n} ${Math.round(r.reqPerSec)}/s`).join(', ')}`);
    }
    const afterRounds = issuer.counts();

    const healthMid = median(healthRuns.map((h) => h.reqPerSec));
    const healthMedian = healthRuns.find((h) => h.reqPerSec >= healthMid) ?? healthRuns[0];
    const started = Date.now();
    const unknown = options.unknownKidSeconds > 0
      ? await measure(job(SCENARIOS['unknown-kid'], unknownKids, { duration: options.unknownKidSeconds, cycle: true }))
      : undefined;
    const unknownKidSeconds = (Date.now() - started) / 1000;
    const afterUnknownKid = issuer.counts();
    const peakRssBytes = service.peakRssBytes();

    const scenarios = ROUND_SCENARIOS.filter((name) => options.scenarios.includes(name)).map((name) =>
      summarizeScenario(SCENARIOS[name], rounds.get(name) ?? [], name === 'distinct' ? poolSizes : []),
    );
    if (unknown) scenarios.push(summarizeScenario(SCENARIOS['unknown-kid'], [roundFigures(1, unknown, healthMedian)]));

    const failures: string[] = [];
    for (const s of scenarios) {
      if (s.unexpected > 0) {
        failures.push(`${s.label}: ${s.unexpected} responses were not ${s.expectedStatus} or failed (statuses ${JSON.stringify(s.statusCounts)})`);
      }
    }
    return {
      scenarios,
      fetches: {
        afterWarmup,
        afterRounds,
        afterUnknownKid,
        unknownKidSeconds,
        unknownKidRefetchesAllowed: 1 + Math.floor(unknownKidSeconds / JWKS_COOLDOWN_SECONDS),
      },
      peakRssBytes,
      startRssBytes,
      servedRequests: runner.servedRequests(),
      loadStartedUs,
      distinctPerRound: perRound,
      failures,
      profileReport: profiler?.report(),
    };
  } finally {
    await load?.close();
    const code = await service?.stop();
    if (service && code !== 0 && code !== null) log(`${options.appDir} exited with code ${code}`);
    await closeQuietly(issuer);
  }
}

async function closeQuietly(issuer: LocalIssuer): Promise<void> {
  try {
    await issuer.close();
  } catch {
    // already closed
  }
}
