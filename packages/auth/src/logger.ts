import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** Where log lines go: one JSON object per call, without the trailing newline. */
export type LogSink = (line: string) => void;

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/** A sink that drops everything, for tests and benchmarks that do not read the log. */
export const silentSink: LogSink = () => {};

/**
 * The service's JSON logger (pino): one line per call, `{level, time, service, …, msg}`, written to `sink`
 * as it is made (synchronously, so a line written just before process.exit is not lost). Callers pass only
 * fields they chose; nothing here serializes a request or its headers, so no token can reach the log.
 */
export function createLogger(service: string, sink: LogSink = stdoutSink): Logger {
  return pino(
    {
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      // "info" rather than 30: readable in `pnpm dev` and by any log collector without a mapping table.
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line: string) => sink(line.endsWith('\n') ? line.slice(0, -1) : line) },
  );
}

/**
 * Logs an exception nothing caught (or a promise rejection nothing handled) as one `"level":"fatal"` JSON
 * line. It only watches: Node then prints the stack to stderr and exits 1 as it would without it.
 */
export function logUncaught(logger: Logger): void {
  process.on('uncaughtExceptionMonitor', (err, origin) => {
    logger.fatal({ err, origin }, 'uncaught exception: the process stops');
  });
}
