import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBundle } from './bundle-size.ts';
import { detectPinning } from './cpu-pinning.ts';
import { formatProfile, summarizeProfile } from './cpu-profile.ts';
import { measureDevStartup } from './dev-startup.ts';
import { judgeGoals } from './goals.ts';
import { machineInfo } from './machine.ts';
import { measureService, type ServiceMeasurement } from './measure-service.ts';
import type { BenchOptions } from './options.ts';
import type { BenchReport, FetchReport } from './report-types.ts';
import { ROUND_SCENARIOS } from './scenarios.ts';
import { readStartCommand } from '../start-command.ts';

const PROFILE_EXIT = fileURLToPath(new URL('./profile-exit.ts', import.meta.url));

/** Runs the selected parts and returns the full report (goals judged, failures listed). */
export async function runBench(options: BenchOptions, repoRoot: string, log: (m: string) => void): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const pinning = detectPinning();
  const machine = machineInfo(pinning);
  const failures: string[] = [];
  const start = readStartCommand(repoRoot, options.app);
  const flags = [...start.nodeFlags, ...options.nodeFlags];

  let measured: ServiceMeasurement | undefined;
  if (options.service) {
    const profileDir = join(repoRoot, 'bench-results/profiles', startedAt.replace(/[:.]/g, '-'));
    if (options.cpuProf) mkdirSync(profileDir, { recursive: true });
    measured = await measureService(
      {
        repoRoot,
        appDir: options.app,
        audience: 'organize',
        scenarios: options.scenarios,
        rounds: options.rounds,
        seconds: options.seconds,
        warmupSeconds: options.warmupSeconds,
        connections: options.connections,
        maxPerRound: options.quick ? 3000 : 40_000,
        // A --scenarios selection (e.g. for a profile of one path) leaves the unknown-kid phase out.
        unknownKidSeconds: options.scenarios.length < ROUND_SCENARIOS.length ? 0 : options.quick ? 1 : 3,
        nodeFlags: [...start.nodeFlags, ...options.nodeFlags, ...(options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])],
        entry: start.entry,
        preloads: options.cpuProf ? [PROFILE_EXIT] : [],
        ...(options.profileScenarios ? { profileScenariosDir: join(profileDir, 'by-scenario') } : {}),
        log,
      },
      pinning,
    );
    failures.push(...measured.failures);
    if (measured.profileReport) log(measured.profileReport);
    if (options.cpuProf) {
      // node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>; thread 0 is the JavaScript main
      // thread (tsx's module loader runs in a worker thread and writes a second one).
      const profiles = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
      const newest = profiles.find((f) => /\.0\.\d+\.cpuprofile$/.test(f)) ?? profiles.sort().pop();
      if (newest) log(formatProfile(join(profileDir, newest), summarizeProfile(join(profileDir, newest), 25, measured.loadStartedUs), measured.servedRequests));
      else log(`no CPU profile was written to ${profileDir}`);
    }
  }
  const devStartup = options.devStartup ? await measureDevStartup(repoRoot, 2, log) : { skipped: 'not selected' };
  const bundle = options.bundle ? await measureBundle(repoRoot, log) : { skipped: 'not selected' };

  const zero = { discovery: 0, jwks: 0, other: 0 };
  const fetches: FetchReport = measured?.fetches ?? { afterWarmup: zero, afterRounds: zero, afterUnknownKid: zero, unknownKidSeconds: 0, unknownKidRefetchesAllowed: 0 };
  const partial: Omit<BenchReport, 'goals'> = {
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    machine,
    settings: {
      rounds: options.rounds,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      distinctPerRound: measured?.distinctPerRound ?? 0,
    },
    service: {
      app: options.app,
      command: `${pinning.pinned ? 'taskset -c 0 ' : ''}node ${[...flags, ''].join(' ')}--import tsx ${start.entry}` + (start.script ? ` (start script: ${start.script})` : ''),
      peakRssBytes: measured?.peakRssBytes ?? null,
      startRssBytes: measured?.startRssBytes ?? null,
      cacheDetected: hasTokenCache(repoRoot),
    },
    scenarios: measured?.scenarios ?? [],
    fetches,
    devStartup,
    bundle,
    failures,
  };
  const goals = judgeGoals(partial).filter((g) => options.service || !isServiceGoal(g.goal));
  return { ...partial, goals };
}

function isServiceGoal(goal: string): boolean {
  return /token|fetches|memory/.test(goal);
}

/** Whether packages/auth has a verified-token cache (a source file with "cache" in its name). */
function hasTokenCache(repoRoot: string): boolean {
  const dir = join(repoRoot, 'packages/auth/src');
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((f) => /cache/i.test(f) && statSync(join(dir, f)).isFile());
}
