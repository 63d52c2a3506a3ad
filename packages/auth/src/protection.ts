import type { ErrorRequestHandler, RequestHandler } from 'express';
import { auth } from 'express-oauth2-jwt-bearer';
import { authenticate } from './authenticate.ts';
import { browserPolicy } from './browser-policy.ts';
import { claimValidators } from './claim-validators.ts';
import { errorHandler } from './error-handler.ts';
import { notFound } from './fallback-routes.ts';
import { tenantAgent } from './hardening/tenant-agent.ts';
import { tenantNotices } from './hardening/tenant-notices.ts';
import { TokenCache, type TokenCacheOptions } from './hardening/token-cache.ts';
import { warmUp } from './hardening/warm-up.ts';
import { createLogger, type LogSink, stdoutSink } from './logger.ts';
import { observeTenantFetches, type ProtectionObserver } from './observer.ts';
import {
  memoryReplayGuard,
  PROOF_LEEWAY_SECONDS,
  PROOF_MAX_AGE_SECONDS,
  type ProofReplayGuard,
} from './proof-replay.ts';
import { type Pingable, readinessRoute } from './readiness.ts';
import { requestLogger } from './request-logger.ts';
import { scopeCheck } from './scope-check.ts';
import type { AuthConfig } from './settings/auth-config.ts';

export interface ProtectionOptions {
  /** Name in every log line. Default "service". */
  readonly service?: string;
  /** Where request log lines go. Default stdout. */
  readonly log?: LogSink;
  /** The verified-token cache; `false` turns it off. Default 1000 tokens, 60 s. */
  readonly cache?: Partial<TokenCacheOptions> | false;
  /** Longest a request waits on the tenant (discovery, JWKS) before 503. Default 2000 ms. */
  readonly tenantTimeoutMs?: number;
  /** Least time between two JWKS fetches for an unknown `kid`. Default 30000 ms (the library's). */
  readonly jwksCooldownMs?: number;
  /** Allowed clock skew for exp, nbf and iat. Default 5 s (the library's). */
  readonly clockToleranceSeconds?: number;
  /**
   * Fetch discovery and the JWKS in the background now, not on the first request, and say in plain words
   * when the tenant cannot be reached (and when it can again). Default off.
   */
  readonly warmUp?: boolean | WarmUpOptions;
  /**
   * With DPOP_MODE allowed or required, where accepted DPoP proofs are remembered so that each is accepted
   * once. Default: this process's memory, which is right for one instance only; instances behind one load
   * balancer need a shared one (the services keep theirs in their database).
   */
  readonly proofReplay?: ProofReplayGuard;
  /** Told of cache lookups, refusals and fetches from the tenant (the services' metrics). */
  readonly observer?: ProtectionObserver;
}

export interface WarmUpOptions {
  /** Where the warm-up's plain-language lines go. Default stderr. */
  readonly report?: (line: string) => void;
  /** The command that starts a tenant on this machine (such as `pnpm dev`), named when a local tenant is down. */
  readonly startCommand?: string;
}

/** Everything a service mounts: `beforeRoutes`, its routes (each with `requireScope`), `afterRoutes`. */
export interface Protection {
  /** Request logger, helmet, CORS. */
  readonly beforeRoutes: RequestHandler[];
  /** The handler for a route that needs a valid token carrying `scope`. */
  requireScope(scope: string): RequestHandler;
  /** JSON 404 for unknown routes and the JSON error handler. */
  readonly afterRoutes: [RequestHandler, ErrorRequestHandler];
  /** The verified-token cache, if on (exposed for tests and the benchmark). */
  readonly cache: TokenCache | undefined;
  /** With `warmUp`, settles true once the tenant's keys are cached (false if the first ~15 s passed without). */
  readonly ready: Promise<boolean>;
  /**
   * The GET /ready handler: 200 once the tenant's keys are loaded and while `store` answers a ping, else
   * 503. Without `warmUp`, its first probe starts the background fetch of the keys.
   */
  readiness(store: Pingable): RequestHandler;
}

export const DEFAULT_CACHE: TokenCacheOptions = { maxEntries: 1000, maxAgeMs: 60_000 };

/** Builds the library middleware and ours once per service; nothing here runs per request. */
export function createProtection(config: AuthConfig, options: ProtectionOptions = {}): Protection {
  const sink = options.log ?? stdoutSink;
  const service = options.service ?? 'service';
  const tenantTimeoutMs = options.tenantTimeoutMs ?? 2000;
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  const dpop = config.dpop ?? 'allowed';
  const observer = options.observer ?? {};
  const agent = tenantAgent(config.issuerBaseUrl, tenantTimeoutMs);
  if (observer.tenantFetch !== undefined) observeTenantFetches(agent, observer.tenantFetch);
  const verify = auth({
    issuerBaseURL: config.issuerBaseUrl,
    // `iss` must equal the configured URL exactly, not whatever the discovery document claims.
    issuer: config.issuerBaseUrl,
    audience: config.audience,
    // Empty, not undefined: the library's defaults would read JWKS_URI and SECRET from process.env (a stray
    // SECRET would even switch it to HS256). The JWKS URI comes from discovery.
    jwksUri: '',
    secret: '',
    tokenSigningAlg: 'RS256',
    // DPOP_MODE; the library checks each proof (signature, htm, htu, iat, ath, cnf.jkt) but not its reuse.
    dpop: {
      enabled: dpop !== 'off',
      required: dpop === 'required',
      iatOffset: PROOF_MAX_AGE_SECONDS,
      iatLeeway: PROOF_LEEWAY_SECONDS,
    },
    agent,
    timeoutDuration: tenantTimeoutMs,
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    clockTolerance,
    validators: claimValidators(clockTolerance, dpop !== 'off'),
  });
  const cache = options.cache === false ? undefined : new TokenCache({ ...DEFAULT_CACHE, ...options.cache });
  const replay = dpop === 'off' ? undefined : (options.proofReplay ?? memoryReplayGuard());
  const verified = authenticate({ verify, cache, deadlineMs: tenantTimeoutMs, dpop, replay, observer });
  const logger = createLogger(service, sink);
  const onUnexpected = (err: unknown) =>
    logger.error(err instanceof Error ? { err } : { error: String(err) }, 'unexpected error');

  const warm = options.warmUp === true ? {} : options.warmUp || undefined;
  const notices =
    warm === undefined
      ? undefined
      : tenantNotices({
          service,
          issuer: config.issuerBaseUrl,
          report: warm.report ?? ((line) => process.stderr.write(`${line}\n`)),
          startCommand: warm.startCommand,
          timeoutMs: tenantTimeoutMs,
        });

  // Readiness needs to know when the keys are in the library's cache; one warm-up loop at a time.
  let keysLoaded = false;
  let warming: Promise<boolean> | undefined;
  const startWarmUp = () =>
    (warming ??= warmUp(verify, notices, (loaded) => {
      keysLoaded = loaded;
      if (!loaded) warming = undefined;
    }));
  const keysReady = () => {
    if (!keysLoaded) void startWarmUp();
    return keysLoaded;
  };

  return {
    ready: notices === undefined ? Promise.resolve(false) : startWarmUp(),
    readiness: (store) => readinessRoute(keysReady, store),
    beforeRoutes: [requestLogger(logger), ...browserPolicy(config.spaOrigin)],
    requireScope: (scope) => inSequence(verified, scopeCheck(scope)),
    afterRoutes: [notFound, errorHandler(config.audience, dpop, onUnexpected, observer)],
    cache,
  };
}

/**
 * Runs `second` once `first` has passed, as one handler. The plain form, `[first, second]` in the route,
 * fails type-checking: Express then infers no `req`/`res` types for the route's own handler (TS7006).
 */
function inSequence(first: RequestHandler, second: RequestHandler): RequestHandler {
  return (req, res, next) => {
    first(req, res, (err?: unknown) => (err === undefined ? second(req, res, next) : next(err)));
  };
}
