import { declaredRoute, type ProtectionObserver } from '@organizer/auth';
import type { RequestHandler } from 'express';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** A service's Prometheus metrics: what GET /metrics answers, and what feeds them. */
export interface ServiceMetrics {
  /** Counts and times every request by method, declared route and status; goes first. */
  readonly requests: RequestHandler;
  /** GET /metrics: the text format, open like /health (nginx does not pass /metrics on). */
  readonly route: RequestHandler;
  /** Handed to createProtection. */
  readonly observer: ProtectionObserver;
  /** The service's database could not be reached. */
  storeError(): void;
}

/**
 * prom-client's default metrics (CPU, memory, event-loop lag, GC) are the process's, and collecting them
 * starts observers that run all the time: one registry for them per process, however many apps it serves.
 */
let processMetrics: Registry | undefined;
function processRegistry(): Registry {
  if (processMetrics === undefined) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/**
 * One registry per app (tests start many apps in one process), answered with the process's default metrics.
 * Labels are fixed words only: the method, the route as declared (`/api/contacts/:id`, `(no route)`), the
 * status, a refusal's error code and the permission a 403 lacked; never a token, a `sub` or a path as sent.
 */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  const shared = processRegistry();
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'Requests answered, by method, declared route and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request to its answer, by method, declared route and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const refused = new Counter({
    name: 'auth_refused_total',
    help: 'Requests refused by the token check: reason (invalid_token, token_expired, insufficient_scope, …) and, for insufficient_scope, the permission lacked.',
    labelNames: ['reason', 'permission'],
    registers: [registry],
  });
  const cache = new Counter({
    name: 'auth_token_cache_total',
    help: 'Bearer tokens looked up in the verified-token cache, by result (hit, miss).',
    labelNames: ['result'],
    registers: [registry],
  });
  const fetches = new Counter({
    name: 'auth_tenant_fetches_total',
    help: 'Requests to the tenant: its discovery document or its JWKS.',
    labelNames: ['what'],
    registers: [registry],
  });
  const storeErrors = new Counter({
    name: 'store_errors_total',
    help: 'Requests answered 503 because the database could not be reached.',
    registers: [registry],
  });
  // Every label value is known up front, so each series exists (at 0) from the first scrape.
  for (const result of ['hit', 'miss']) cache.inc({ result }, 0);
  for (const what of ['discovery', 'jwks']) fetches.inc({ what }, 0);

  return {
    requests: (req, res, next) => {
      const end = duration.startTimer();
      res.once('finish', () => {
        const labels = {
          method: req.method,
          route: declaredRoute(req),
          status: String(res.statusCode),
        };
        requests.inc(labels);
        end(labels);
      });
      next();
    },
    route: (_req, res, next) => {
      Promise.all([registry.metrics(), shared.metrics()]).then(([own, defaults]) => {
        res.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store').send(`${own}\n${defaults}`);
      }, next);
    },
    observer: {
      tokenCache: (result) => cache.inc({ result }),
      refused: (reason, permission) => refused.inc({ reason, permission: permission ?? '' }),
      tenantFetch: (what) => fetches.inc({ what }),
    },
    storeError: () => storeErrors.inc(),
  };
}
