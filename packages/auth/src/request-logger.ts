import { performance } from 'node:perf_hooks';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from './logger.ts';

/**
 * One JSON line per finished request: method, path, status, durationMs, sub (null without a verified
 * token). The path is the route that answered as the app declares it (`/api/contacts/:id`), never the
 * path as sent, which is the caller's text and could carry a token; a request no route answered logs
 * `(no route)`. Only these fields are given to the logger (never the request, its headers, query or
 * body), so a token cannot reach the log.
 */
/**
 * The route that answered `req`, as the app declares it (`/api/contacts/:id`), or `(no route)`: never the
 * path as sent. Read once the response has finished (the request log, the services' metrics).
 */
export function declaredRoute(req: Request, baseUrl = req.baseUrl): string {
  const route: unknown = req.route?.path;
  return typeof route === 'string' ? `${baseUrl}${route}` : '(no route)';
}

export function requestLogger(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next) => {
    const started = performance.now();
    const baseUrl = req.baseUrl;
    res.once('finish', () => {
      logger.info(
        {
          method: req.method,
          path: declaredRoute(req, baseUrl),
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
