import type { FetchCounts } from './issuer.ts';
import type { TreeProcess } from './process-tree.ts';
import type { Spread } from './stats.ts';

export type ScenarioName = 'health' | 'reused' | 'distinct' | 'bad-signature' | 'unknown-kid';

export interface RoundFigures {
  round: number;
  reqPerSec: number;
  /** req/s divided by /health's req/s in the same round (1 for /health itself). */
  ratio: number;
  /** Requests per second of service CPU time (all its threads), and that over /health's. */
  reqPerCpuSec: number;
  cpuRatio: number;
  /** Service CPU time / wall time (≈1 when it had its core to itself and was saturated). */
  cpuShare: number;
  /** Share of the wall time the service was runnable but waiting for its core (other load). */
  queueWaitShare: number;
  /** The load generator's CPU time / wall time (near 1: it, not the service, may be the limit). */
  generatorCpuShare: number;
  /** /health's CPU share in the same round. */
  healthCpuShare: number;
  /** The service's resident set right after this run, in bytes (NaN if unreadable). */
  rssAfterBytes: number;
  requests: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  tokensUsed: number;
}

export interface ScenarioReport {
  name: ScenarioName;
  label: string;
  path: string;
  expectedStatus: number;
  rounds: RoundFigures[];
  reqPerSec: Spread;
  ratio: Spread;
  cpuRatio: Spread;
  /** The throughput ratio over only the rounds where both runs had ≥ 90% of the service's core. */
  clean: { rounds: number; ratio: Spread };
  cpuShare: number;
  generatorCpuShare: number;
  /** Largest resident set seen right after one of its runs, in bytes. */
  rssAfterMaxBytes: number;
  queueWaitShare: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses with another status than expected, plus socket errors and timeouts, over all rounds. */
  unexpected: number;
  statusCounts: Record<string, number>;
  /** A pool ran out and some "distinct" tokens were sent twice (the figure then flatters a cache). */
  tokensReused: boolean;
}

export interface FetchReport {
  afterWarmup: FetchCounts;
  afterRounds: FetchCounts;
  afterUnknownKid: FetchCounts;
  /** Seconds the unknown-kid phase lasted, and the refetches a 30 s cooldown allows in that time. */
  unknownKidSeconds: number;
  unknownKidRefetchesAllowed: number;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  node: string;
  platform: string;
  loadAverage: number[];
  pinned: boolean;
  pinning: string;
}

export interface DevStartupReport {
  /** ms: spawn to every part answering; messageMs: to pnpm dev's own ready message; parts: its "Running:" line. */
  runs: { ms: number; ready: boolean; messageMs?: number; parts?: string; processes?: TreeProcess[] }[];
  note?: string;
}

export interface BundleReport {
  files: { file: string; bytes: number; gzipBytes: number }[];
  jsBytes: number;
  jsGzipBytes: number;
}

export type Skipped = { skipped: string };

export interface GoalResult {
  goal: string;
  target: string;
  measured: string;
  status: 'PASS' | 'MISS' | 'SKIP';
}

export interface BenchReport {
  version: 1;
  startedAt: string;
  finishedAt: string;
  mode: 'quick' | 'full';
  machine: MachineInfo;
  settings: { rounds: number; seconds: number; warmupSeconds: number; connections: number; distinctPerRound: number };
  service: { app: string; command: string; peakRssBytes: number | null; startRssBytes: number | null; cacheDetected: boolean };
  scenarios: ScenarioReport[];
  fetches: FetchReport;
  devStartup: DevStartupReport | Skipped;
  bundle: BundleReport | Skipped;
  goals: GoalResult[];
  /** Real failures (wrong statuses, errors); a missed goal is not one. */
  failures: string[];
}
