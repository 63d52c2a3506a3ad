import type { BenchReport, GoalResult } from './report-types.ts';

const MiB = 1024 * 1024;

const fmt = (x: number, digits = 2): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

/** Each goal of issue 6, judged on this run's medians (ratios measured side by side, not absolutes). */
export function judgeGoals(report: Omit<BenchReport, 'goals'>): GoalResult[] {
  const byName = new Map(report.scenarios.map((s) => [s.name, s]));
  const goals: GoalResult[] = [];
  const ratioGoal = (name: 'reused' | 'distinct', goal: string, target: number): void => {
    const s = byName.get(name);
    if (!s || Number.isNaN(s.ratio.median)) {
      goals.push({ goal, target: `protected/health ≥ ${target.toFixed(2)}`, measured: 'not measured', status: 'SKIP' });
      return;
    }
    // The goal is a throughput ratio with the service alone on (and saturating) its core. Rounds where
    // it had less of its core mostly measure the other processes, so: the clean rounds if there are
    // at least two, else requests per service CPU-second, which other processes barely move.
    const byClean = s.clean.rounds >= 2 || (s.clean.rounds === s.rounds.length && s.clean.rounds > 0);
    const byCpu = !byClean && !Number.isNaN(s.cpuRatio.median);
    const judged = byClean ? s.clean.ratio.median : byCpu ? s.cpuRatio.median : s.ratio.median;
    const r = s.ratio;
    const how = byClean
      ? `judged on ${s.clean.rounds} clean round(s): ${fmt(s.clean.ratio.median)} (${fmt(s.clean.ratio.min)}–${fmt(s.clean.ratio.max)})`
      : byCpu
        ? `judged per CPU-second: ${s.clean.rounds} clean round(s), too few (core shared with other load)`
        : 'judged on all rounds';
    goals.push({
      goal,
      target: `protected/health ≥ ${target.toFixed(2)}`,
      measured:
        `${fmt(r.median)} (rounds ${fmt(r.min)}–${fmt(r.max)}); per CPU-second ${fmt(s.cpuRatio.median)} (${fmt(s.cpuRatio.min)}–${fmt(s.cpuRatio.max)}); ${how}` +
        (s.tokensReused ? '; pool ran out' : ''),
      status: judged >= target && !s.tokensReused ? 'PASS' : 'MISS',
    });
  };
  ratioGoal('reused', 'one token reused', 0.9);
  ratioGoal('distinct', 'a new token every request', 0.45);

  const f = report.fetches;
  const extra = f.afterUnknownKid.jwks - f.afterRounds.jwks;
  const steady = f.afterRounds.discovery === 1 && f.afterRounds.jwks === 1 && f.afterWarmup.jwks === 1;
  goals.push({
    goal: 'discovery and JWKS fetches per run',
    target: `1 + 1 under load and bad signatures; unknown kids: ≤ ${f.unknownKidRefetchesAllowed} refetch (30 s cooldown)`,
    measured: `discovery ${f.afterRounds.discovery}, JWKS ${f.afterRounds.jwks} after all rounds; +${extra} JWKS, +${f.afterUnknownKid.discovery - f.afterRounds.discovery} discovery in ${fmt(f.unknownKidSeconds, 1)} s of unknown kids`,
    status: steady && extra <= f.unknownKidRefetchesAllowed && f.afterUnknownKid.discovery === 1 ? 'PASS' : 'MISS',
  });

  const rss = report.service.peakRssBytes;
  goals.push({
    goal: 'service peak memory under load',
    target: '≤ 140 MiB',
    measured: rss === null ? 'not readable here' : `${fmt(rss / MiB, 1)} MiB (VmHWM)`,
    status: rss === null ? 'SKIP' : rss <= 140 * MiB ? 'PASS' : 'MISS',
  });

  const dev = report.devStartup;
  if ('skipped' in dev) {
    goals.push({ goal: '`pnpm dev` to every part ready', target: '≤ 3 s', measured: dev.skipped, status: 'SKIP' });
  } else {
    const slowest = Math.max(...dev.runs.map((r) => (r.ready ? r.ms : Number.POSITIVE_INFINITY)));
    goals.push({
      goal: '`pnpm dev` to every part ready',
      target: '≤ 3 s',
      measured: dev.runs.map((r) => (r.ready ? `${fmt(r.ms / 1000)} s` : 'not ready')).join(', '),
      status: slowest <= 3000 ? 'PASS' : 'MISS',
    });
  }

  const bundle = report.bundle;
  goals.push(
    'skipped' in bundle
      ? { goal: 'SPA production JavaScript, gzipped', target: '≤ 60 kB', measured: bundle.skipped, status: 'SKIP' }
      : {
          goal: 'SPA production JavaScript, gzipped',
          target: '≤ 60 kB',
          measured: `${fmt(bundle.jsGzipBytes / 1000, 1)} kB (${bundle.jsGzipBytes} bytes; ${fmt(bundle.jsBytes / 1000, 1)} kB raw)`,
          status: bundle.jsGzipBytes <= 60_000 ? 'PASS' : 'MISS',
        },
  );
  goals.push({
    goal: 'login round trip in the browser',
    target: '≤ 1 s',
    measured: 'not measured by pnpm bench (needs the browser flow)',
    status: 'SKIP',
  });
  return goals;
}
