import { performance } from 'node:perf_hooks';
import type { Request, RequestHandler, Response } from 'express';

/** Where log lines go: one JSON object per call, without the trailing newline. */
export type LogSink = (line: string) => void;

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/** A sink that drops everything, for tests and benchmarks that do not read the log. */
export const silentSink: LogSink = () => {};

/**
 * One JSON line per finished request: method, path, status, durationMs, sub. The path is taken before
 * routing and without the query string, and nothing from the Authorization header is ever read here, so
 * the token cannot reach the log.
 */
export function requestLogger(service: string, sink: LogSink): RequestHandler {
  return (req: Request, res: Response, next) => {
    const started = performance.now();
    const path = req.path;
    res.once('finish', () => {
      sink(
        JSON.stringify({
          service,
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
          sub: req.auth?.payload.sub ?? null,
        }),
      );
    });
    next();
  };
}
