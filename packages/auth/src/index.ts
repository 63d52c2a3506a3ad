// Core: what every protected service uses.
export { parseAuthConfig, type AuthConfig } from './settings/auth-config.ts';
export { readEnv, workspaceEnvFile, type Env } from './read-env.ts';
export { createProtection, DEFAULT_CACHE, type Protection, type ProtectionOptions, type WarmUpOptions } from './protection.ts';
export { callerOf, type Caller } from './caller.ts';
export { methodNotAllowed, notFound } from './fallback-routes.ts';
export { createLogger, logUncaught, stdoutSink, silentSink, type Logger, type LogSink } from './logger.ts';
export { readinessRoute, STORE_PING_TIMEOUT_MS, type Pingable } from './readiness.ts';
export { stopOnSignals, DEFAULT_GRACE_MS, type StopOptions } from './stop-on-signals.ts';
export { MissingScopeError, TenantUnavailableError, TokenOutsideHeaderError } from './errors.ts';
export { RequestError } from './request-error.ts';
export { jsonBody, validInput, DEFAULT_BODY_LIMIT, type JsonBodyOptions } from './json-body.ts';
export { ConfigError, optionalPort } from './settings/index.ts';
export type { AuthResult } from 'express-oauth2-jwt-bearer';
