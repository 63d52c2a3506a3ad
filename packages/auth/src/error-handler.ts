import type { ErrorRequestHandler, Request, Response } from 'express';
import { InsufficientScopeError, InvalidTokenError, UnauthorizedError } from 'express-oauth2-jwt-bearer';
import { MissingScopeError, TenantUnavailableError, TokenOutsideHeaderError } from './errors.ts';
import { RequestError } from './request-error.ts';

interface Problem {
  readonly status: number;
  readonly error: string;
  readonly description: string;
  /** RFC 6750 challenge parameters after the realm; undefined for responses that carry no challenge. */
  readonly challenge?: string;
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '')}"`;
}

/**
 * Every failure as a fixed, safe text. The library's messages are never copied: they can contain internal
 * detail such as "connect ECONNREFUSED 127.0.0.1:4000".
 */
function problemFor(err: unknown): Problem {
  // Raised on purpose by a route or the body parser, with a description written for the client.
  if (err instanceof RequestError) return { status: err.status, error: err.code, description: err.description };
  if (err instanceof TokenOutsideHeaderError) {
    const description = 'Send the access token in the Authorization header only, never in the URL or body';
    return {
      status: 401,
      error: 'invalid_request',
      description,
      challenge: `error="invalid_request", error_description=${quoted(description)}`,
    };
  }
  if (err instanceof MissingScopeError || err instanceof InsufficientScopeError) {
    const scope = err instanceof MissingScopeError ? err.scope : undefined;
    const description =
      scope === undefined ? 'The access token lacks a required scope' : `The access token lacks the scope ${scope}`;
    const scopeParam = scope === undefined ? '' : `, scope=${quoted(scope)}`;
    return {
      status: 403,
      error: 'insufficient_scope',
      description,
      challenge: `error="insufficient_scope", error_description=${quoted(description)}${scopeParam}`,
    };
  }
  if (err instanceof TenantUnavailableError) {
    return {
      status: 503,
      error: 'temporarily_unavailable',
      description: 'The token issuer cannot be reached; try again shortly',
    };
  }
  if (err instanceof InvalidTokenError) {
    // jose's wording for a present but past `exp`; a missing `exp` is just invalid.
    const expired = err.message === '"exp" claim timestamp check failed';
    const description = expired ? 'The access token has expired' : 'The access token is invalid';
    return {
      status: 401,
      error: 'invalid_token',
      description,
      challenge: `error="invalid_token", error_description=${quoted(description)}`,
    };
  }
  if (err instanceof UnauthorizedError) {
    // No token, another scheme (Basic), an empty or malformed Bearer header: RFC 6750 3.1 says a request
    // without usable authentication gets a bare challenge, with no error code. (The library answers 400 here.)
    return {
      status: 401,
      error: 'unauthorized',
      description: 'Send an access token: Authorization: Bearer <token>',
      challenge: '',
    };
  }
  if (isClientError(err))
    return { status: err.status, error: 'invalid_request', description: 'The request is malformed' };
  return { status: 500, error: 'server_error', description: 'Internal server error' };
}

/** Express's and body parsers' own 4xx errors (http-errors marks them safe to show with `expose`). */
function isClientError(err: unknown): err is { status: number } {
  if (typeof err !== 'object' || err === null) return false;
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * JSON error responses keeping RFC 6750's semantics; `realm` names the protected API. Every 503 (the
 * tenant or the service's database out of reach) says when to retry.
 */
export function errorHandler(realm: string, onUnexpected: (err: unknown) => void): ErrorRequestHandler {
  return (err: unknown, _req: Request, res: Response, next) => {
    if (res.headersSent) return next(err);
    const problem = problemFor(err);
    if (problem.status === 500) onUnexpected(err);
    if (problem.challenge !== undefined) {
      const params = problem.challenge === '' ? '' : `, ${problem.challenge}`;
      res.set('WWW-Authenticate', `Bearer realm=${quoted(realm)}${params}`);
    }
    if (problem.status === 503) res.set('Retry-After', '5');
    res.set('Cache-Control', 'no-store');
    res.status(problem.status).json({ error: problem.error, error_description: problem.description });
  };
}
