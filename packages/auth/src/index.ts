export { parseAuthConfig, type AuthConfig } from './auth-config.ts';
export { createProtection, DEFAULT_CACHE, type Protection, type ProtectionOptions } from './protection.ts';
export { callerOf, type Caller } from './caller.ts';
export { TokenCache, type TokenCacheOptions } from './token-cache.ts';
export { stdoutSink, silentSink, type LogSink } from './request-logger.ts';
export { methodNotAllowed } from './error-handler.ts';
export { MissingScopeError, TenantUnavailableError, TokenOutsideHeaderError } from './errors.ts';
export type { AuthResult } from 'express-oauth2-jwt-bearer';
