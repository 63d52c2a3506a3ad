// Core: what every protected service uses.

export type { AuthResult } from 'express-oauth2-jwt-bearer';
export { type Caller, callerOf } from './caller.ts';
export { InvalidProofError, MissingScopeError, TenantUnavailableError, TokenOutsideHeaderError } from './errors.ts';
export { methodNotAllowed, notFound } from './fallback-routes.ts';
export { createLogger, type Logger, type LogSink, logUncaught, silentSink, stdoutSink } from './logger.ts';
export type { ProtectionObserver } from './observer.ts';
export {
  memoryReplayGuard,
  PROOF_MAX_AGE_SECONDS,
  ProofMemoryFullError,
  type ProofReplayGuard,
} from './proof-replay.ts';
export {
  createProtection,
  DEFAULT_CACHE,
  type Protection,
  type ProtectionOptions,
  type WarmUpOptions,
} from './protection.ts';
export { type Env, readEnv } from './read-env.ts';
export { type Pingable, readinessRoute, STORE_PING_TIMEOUT_MS } from './readiness.ts';
export { RequestError } from './request-error.ts';
export { declaredRoute } from './request-logger.ts';
export { type AuthConfig, type DpopMode, parseAuthConfig, parseDpopMode } from './settings/auth-config.ts';
export { ConfigError, optionalPort } from './settings/index.ts';
