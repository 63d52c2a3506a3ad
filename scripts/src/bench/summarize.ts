import type { LoadResult } from './load-job.ts';
import type { RoundFigures, ScenarioReport } from './report-types.ts';
import type { Scenario } from './scenarios.ts';
import { median, spread } from './stats.ts';

/** Below this share of its core (CPU time / wall time), the service was not alone on it or not saturated. */
export const SHARED_CORE = 0.9;

export function roundFigures(round: number, result: LoadResult, health: LoadResult | undefined): RoundFigures {
  const perCpu = (r: LoadResult | undefined): number => (r?.serviceCpu?.run ? r.requests / r.serviceCpu.run : Number.NaN);
  return {
    round,
    reqPerSec: result.reqPerSec,
    ratio: health?.reqPerSec ? result.reqPerSec / health.reqPerSec : Number.NaN,
    reqPerCpuSec: perCpu(result),
    cpuRatio: perCpu(result) / perCpu(health),
    cpuShare: result.serviceCpu && result.seconds ? result.serviceCpu.run / result.seconds : Number.NaN,
    queueWaitShare: result.serviceCpu && result.seconds ? result.serviceCpu.wait / result.seconds : Number.NaN,
    generatorCpuShare: result.generatorCpu !== undefined && result.seconds ? result.generatorCpu / result.seconds : Number.NaN,
    healthCpuShare: health?.serviceCpu && health.seconds ? health.serviceCpu.run / health.seconds : Number.NaN,
    rssAfterBytes: result.serviceRssAfter ?? Number.NaN,
    requests: result.requests,
    seconds: result.seconds,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    statusCounts: result.statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    tokensUsed: result.tokensUsed,
  };
}

/** One scenario's rounds folded into medians, spreads and a count of anything unexpected. */
export function summarizeScenario(scenario: Scenario, rounds: RoundFigures[], poolSizes: number[] = []): ScenarioReport {
  const statusCounts: Record<string, number> = {};
  let unexpected = 0;
  for (const r of rounds) {
    for (const [code, count] of Object.entries(r.statusCounts)) {
      statusCounts[code] = (statusCounts[code] ?? 0) + count;
      if (Number(code) !== scenario.expectedStatus) unexpected += count;
    }
    unexpected += r.errors + r.timeouts;
  }
  const clean = rounds.filter((r) => r.cpuShare >= SHARED_CORE && r.healthCpuShare >= SHARED_CORE && !Number.isNaN(r.ratio));
  return {
    ...scenario,
    rounds,
    reqPerSec: spread(rounds.map((r) => r.reqPerSec)),
    ratio: spread(rounds.map((r) => r.ratio).filter((x) => !Number.isNaN(x))),
    cpuRatio: spread(rounds.map((r) => r.cpuRatio).filter((x) => !Number.isNaN(x))),
    clean: { rounds: clean.length, ratio: spread(clean.map((r) => r.ratio)) },
    cpuShare: median(rounds.map((r) => r.cpuShare)),
    generatorCpuShare: median(rounds.map((r) => r.generatorCpuShare)),
    rssAfterMaxBytes: Math.max(...rounds.map((r) => r.rssAfterBytes)),
    queueWaitShare: median(rounds.map((r) => r.queueWaitShare)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    unexpected,
    statusCounts,
    tokensReused: rounds.some((r, i) => poolSizes[i] !== undefined && r.tokensUsed > (poolSizes[i] ?? 0)),
  };
}
