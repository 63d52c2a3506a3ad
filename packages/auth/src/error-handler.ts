import type { ErrorRequestHandler, Request, Response } from 'express';
import {
  InsufficientScopeError,
  InvalidRequestError,
  InvalidTokenError,
  UnauthorizedError,
} from 'express-oauth2-jwt-bearer';
import { schemeToken } from './authenticate.ts';
import { InvalidProofError, MissingScopeError, TenantUnavailableError, TokenOutsideHeaderError } from './errors.ts';
import type { ProtectionObserver } from './observer.ts';
import { ProofMemoryFullError } from './proof-replay.ts';
import { RequestError } from './request-error.ts';
import type { DpopMode } from './settings/auth-config.ts';

/**
 * The proof algorithms the library accepts (its list of asymmetric algorithms), for the DPoP challenge's
 * `algs` (RFC 9449 7.1).
 */
const PROOF_ALGS = 'ES256 ES384 ES512 EdDSA ES256K PS256 PS384 PS512 RS256 RS384 RS512';

interface Problem {
  readonly status: number;
  readonly error: string;
  readonly description: string;
  /** RFC 6750 challenge parameters after the realm; undefined for responses that carry no challenge. */
  readonly challenge?: string;
  /** For a 403 insufficient_scope: the permission the token lacked. */
  readonly scope?: string;
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '')}"`;
}

/**
 * Every failure as a fixed, safe text. The library's messages are never copied: they can contain internal
 * detail such as "connect ECONNREFUSED 127.0.0.1:4000".
 */
function problemFor(err: unknown, scheme: 'Bearer' | 'DPoP'): Problem {
  // Raised on purpose by a route or the body parser, with a description written for the client.
  if (err instanceof RequestError) return { status: err.status, error: err.code, description: err.description };
  // The library's own proof errors carry only a code (its class is not exported); ours are InvalidProofError.
  if (err instanceof InvalidProofError || libraryCode(err) === 'invalid_dpop_proof') {
    const description = 'The DPoP proof is invalid or was used before; sign a new one for this request';
    return {
      status: 401,
      error: 'invalid_dpop_proof',
      description,
      challenge: `error="invalid_dpop_proof", error_description=${quoted(description)}`,
    };
  }
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
      scope,
      description,
      challenge: `error="insufficient_scope", error_description=${quoted(description)}${scopeParam}`,
    };
  }
  if (err instanceof ProofMemoryFullError) {
    return {
      status: 503,
      error: 'temporarily_unavailable',
      description: 'Too many DPoP proofs at once; try again shortly',
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
  if (err instanceof InvalidRequestError && err.code === 'invalid_request') {
    // A DPoP proof beside a Bearer token, a bound token sent as Bearer, or a Host the URL cannot be built from.
    const description = "The request's Authorization and DPoP headers do not fit together";
    return {
      status: 400,
      error: 'invalid_request',
      description,
      challenge: `error="invalid_request", error_description=${quoted(description)}`,
    };
  }
  if (err instanceof UnauthorizedError) {
    // No token, another scheme (Basic), an empty or malformed Bearer header: RFC 6750 3.1 says a request
    // without usable authentication gets a bare challenge, with no error code. (The library answers 400 here.)
    return {
      status: 401,
      error: 'unauthorized',
      description: `Send an access token: Authorization: ${scheme} <token>`,
      challenge: '',
    };
  }
  if (isClientError(err))
    return { status: err.status, error: 'invalid_request', description: 'The request is malformed' };
  return { status: 500, error: 'server_error', description: 'Internal server error' };
}

/** The RFC error code the library put on one of its errors (its proof error's class is not exported). */
function libraryCode(err: unknown): unknown {
  return err instanceof UnauthorizedError ? (err as { code?: unknown }).code : undefined;
}

/**
 * Express's and body parsers' own 4xx errors (http-errors marks them safe to show with `expose`), and the
 * router's 400 for a path it cannot decode (`/api/contacts/%zz`): a URIError with `status` but no `expose`.
 */
function isClientError(err: unknown): err is { status: number } {
  if (typeof err !== 'object' || err === null) return false;
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return false;
  return expose === true || err instanceof URIError;
}

/**
 * JSON error responses keeping RFC 6750's semantics; `realm` names the protected API. The challenge is
 * Bearer's, or DPoP's (RFC 9449 7.1, with the proof algorithms accepted) when DPoP is required or the
 * request used the DPoP scheme. Every 503 (the tenant or the service's database out of reach) says when to
 * retry.
 */
export function errorHandler(
  realm: string,
  dpop: DpopMode,
  onUnexpected: (err: unknown) => void,
  observer: ProtectionObserver = {},
): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, next) => {
    if (res.headersSent) return next(err);
    const dpopChallenge =
      dpop === 'required' || (dpop === 'allowed' && schemeToken(req.headers.authorization)?.scheme === 'dpop');
    const problem = problemFor(err, dpopChallenge ? 'DPoP' : 'Bearer');
    if (problem.status === 500) onUnexpected(err);
    // Refusals by the protection are the ones with a challenge; the description tells an expiry apart.
    if (problem.challenge !== undefined) {
      const expired = problem.description === 'The access token has expired';
      observer.refused?.(expired ? 'token_expired' : problem.error, problem.scope);
    }
    if (problem.challenge !== undefined) {
      const params = problem.challenge === '' ? '' : `, ${problem.challenge}`;
      const algs = dpopChallenge ? `, algs="${PROOF_ALGS}"` : '';
      res.set('WWW-Authenticate', `${dpopChallenge ? 'DPoP' : 'Bearer'} realm=${quoted(realm)}${params}${algs}`);
    }
    if (problem.status === 503) res.set('Retry-After', '5');
    res.set('Cache-Control', 'no-store');
    res.status(problem.status).json({ error: problem.error, error_description: problem.description });
  };
}
