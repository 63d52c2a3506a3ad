/** What the orchestrator asks the load-generator process to run, and what comes back (over IPC). */
export interface LoadJob {
  url: string;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  duration: number;
  /** Stop after exactly this many requests (used when every request must carry a fresh token). */
  amount?: number;
  /**
   * Bearer tokens: none for an open route, one for "reused", or a pool handed out in order, one per
   * request across all connections, so no token is ever sent twice while the pool lasts.
   */
  tokens: string[];
  /** Cycle through `tokens` instead of stopping at the end (for pools where reuse is harmless). */
  cycle?: boolean;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  reqPerSec: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  p50Ms: number;
  p99Ms: number;
  /** Filled in by the orchestrator: the service's CPU run and run-queue wait during the job (s). */
  serviceCpu?: { run: number; wait: number };
  /** Filled in by the orchestrator: the load generator's CPU run time during the job (s). */
  generatorCpu?: number;
  /** Filled in by the orchestrator: the service's resident set right after the job (bytes). */
  serviceRssAfter?: number;
  /** Tokens handed out (one per built request); above the pool size means some were sent twice. */
  tokensUsed: number;
}

export type WorkerMessage = { type: 'ready' } | { type: 'result'; id: number; result: LoadResult } | { type: 'error'; id: number; message: string };
export type OrchestratorMessage = { type: 'run'; id: number; job: LoadJob } | { type: 'exit' };
