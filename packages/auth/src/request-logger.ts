import { performance } from 'node:perf_hooks';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from './logger.ts';

/**
 * One JSON line per finished request: method, path, status, durationMs, sub (null without a verified
 * token). The path is taken before routing and without the query string; only these fields are given to
 * the logger (never the request, its headers or its body), so a token cannot reach the log.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next) => {
    const started = performance.now();
    const path = req.path;
    res.once('finish', () => {
      logger.info(
        {
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
          sub: req.auth?.payload.sub ?? null,
        },
        'request',
      );
    });
    next();
  };
}
