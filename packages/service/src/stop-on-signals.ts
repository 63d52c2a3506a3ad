import type { Server } from 'node:http';
import type { Logger } from '@organizer/auth';

/** How long requests in flight may take to finish after SIGTERM before their connections are cut. */
export const DEFAULT_GRACE_MS = 10_000;
// How often idle keep-alive connections are closed while draining: a connection that just finished its
// response becomes idle and is closed within this, while one still busy is left alone.
const IDLE_SWEEP_MS = 100;

export interface StopOptions {
  readonly logger: Logger;
  /** Closes what the service holds (its store) once the last request has finished. */
  readonly close: () => Promise<void>;
  /** Default DEFAULT_GRACE_MS. */
  readonly graceMs?: number;
  /** Default process.exit; tests of the function itself can watch the code instead. */
  readonly exit?: (code: number) => void;
}

/**
 * A graceful stop on SIGTERM or SIGINT: the listener stops accepting connections at once, requests in
 * flight finish with their normal answer, idle keep-alive connections are closed (every 100 ms, as busy
 * ones become idle), then `close` runs and the process exits 0. If requests are still running after the
 * grace period, their connections are cut, `close` runs, and it exits 1 saying so. A second signal during
 * the stop gets Node's default (the process ends at once), so a second Ctrl-C always works.
 */
export function stopOnSignals(
  server: Server,
  { logger, close, graceMs = DEFAULT_GRACE_MS, exit = (code) => process.exit(code) }: StopOptions,
): void {
  const stop = (signal: NodeJS.Signals) => {
    const started = Date.now();
    logger.info({ signal, graceMs }, 'stopping: no new connections, waiting for requests in flight');
    let finished = false;
    const finish = (code: number) => {
      // After the grace period the listener's own close callback still follows the cut connections.
      if (finished) return;
      finished = true;
      clearInterval(sweep);
      clearTimeout(deadline);
      close()
        .catch((err: unknown) => logger.error({ err }, 'closing the store failed'))
        .finally(() => {
          logger.info({ code, durationMs: Date.now() - started }, 'stopped');
          exit(code);
        });
    };
    server.close(() => finish(0));
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const deadline = setTimeout(() => {
      logger.error({ graceMs }, `requests still running after ${graceMs} ms: cutting their connections`);
      server.closeAllConnections();
      finish(1);
    }, graceMs);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, stop);
}
