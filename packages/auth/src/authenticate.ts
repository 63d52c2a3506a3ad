import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { InvalidTokenError } from 'express-oauth2-jwt-bearer';
import { TenantUnavailableError, TokenOutsideHeaderError } from './errors.ts';
import type { TokenCache } from './hardening/token-cache.ts';
import type { ProtectionObserver } from './observer.ts';
import { firstUseOfProof, type ProofReplayGuard } from './proof-replay.ts';
import type { DpopMode } from './settings/auth-config.ts';
import { isTenantFailure } from './tenant-failure.ts';

export interface AuthenticateOptions {
  /** The library's `auth()` middleware, built once. */
  readonly verify: RequestHandler;
  /** Verified tokens; undefined turns caching off. */
  readonly cache: TokenCache | undefined;
  /** A request still waiting for the tenant after this long gets 503 instead of waiting longer. */
  readonly deadlineMs: number;
  readonly dpop: DpopMode;
  /** With DPoP on, where accepted proofs are remembered so that each is accepted once. */
  readonly replay: ProofReplayGuard | undefined;
  readonly observer: ProtectionObserver;
}

/**
 * The scheme and token of an `Authorization: Bearer <token>` or `DPoP <token>` header, in exactly the form
 * the library accepts (scheme in any case, one space, a non-empty token without spaces), else undefined.
 * Plain string checks rather than a regular expression, as this runs on every request, cached or not.
 */
export function schemeToken(header: string | undefined): { scheme: 'bearer' | 'dpop'; token: string } | undefined {
  const space = header?.indexOf(' ') ?? -1;
  if (header === undefined || space < 1 || space === header.length - 1) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const token = header.slice(space + 1);
  if ((scheme !== 'bearer' && scheme !== 'dpop') || token.includes(' ')) return undefined;
  return { scheme, token };
}

/**
 * Whether each of the token's three parts is base64url exactly as an encoder writes it: no padding, no
 * `+` or `/`, no set bits past the last byte. Decoders (the library's included) also take those other
 * spellings, which would make one token many strings to a cache or a deny-list; only the one is accepted.
 */
function canonical(token: string): boolean {
  const parts = token.split('.');
  return parts.length === 3 && parts.every((part) => Buffer.from(part, 'base64url').toString('base64url') === part);
}

function tokenOutsideHeader(req: Request): TokenOutsideHeaderError | undefined {
  // Presence is enough: the library would read ?access_token= and a form body's access_token (RFC 6750
  // 2.2, 2.3); the contract allows the header only, so such a request is refused before the library sees it.
  if (req.url.includes('?') && 'access_token' in req.query) return new TokenOutsideHeaderError('query');
  const body: unknown = req.body;
  if (typeof body === 'object' && body !== null && 'access_token' in body) return new TokenOutsideHeaderError('body');
  return undefined;
}

/** The library's failure, or ours when it could not reach the tenant (503 rather than 401). */
function classify(err: unknown): unknown {
  if (err instanceof InvalidTokenError && isTenantFailure(err.message)) return new TenantUnavailableError(err.message);
  return err;
}

/**
 * Verifies the token and sets `req.auth`, like the library's `auth()` (which does the work, DPoP proofs
 * included), plus: header-only tokens, a cache of verified Bearer tokens in front of it, each DPoP proof
 * accepted once, and a deadline so no request waits on the tenant longer than `deadlineMs`.
 */
export function authenticate({
  verify,
  cache,
  deadlineMs,
  dpop,
  replay,
  observer,
}: AuthenticateOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const misplaced = tokenOutsideHeader(req);
    if (misplaced !== undefined) return next(misplaced);

    const proof = req.headers.dpop;
    const presented = schemeToken(req.headers.authorization);
    // Only a plain Bearer request may skip the library: a DPoP request needs its proof checked every time.
    const cacheable = presented?.scheme === 'bearer' && proof === undefined && dpop !== 'required';
    const token = cacheable ? presented.token : undefined;
    if (presented !== undefined) {
      // A hit is a token verified before, hence canonical; only a miss needs the check.
      const hit = token === undefined ? undefined : cache?.get(token);
      if (token !== undefined && cache !== undefined) observer.tokenCache?.(hit === undefined ? 'miss' : 'hit');
      if (hit !== undefined) {
        req.auth = hit;
        return next();
      }
      if (!canonical(presented.token)) {
        return next(new InvalidTokenError('the token is not in canonical base64url'));
      }
    }

    // Every miss gets the deadline: the library's signature check ends in a callback, so a verification with
    // cached keys also ends in a later turn of the event loop and cannot be told from one waiting on the tenant.
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      next(new TenantUnavailableError(`no verdict within ${deadlineMs} ms`));
    }, deadlineMs);
    verify(req, res, (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err !== undefined) return next(classify(err));
      const auth = req.auth;
      // With DPoP on, a request carrying a proof got past the library only with that proof verified.
      if (replay !== undefined && typeof proof === 'string' && auth !== undefined) {
        firstUseOfProof(proof, auth, replay).then(() => next(), next);
        return;
      }
      if (cache !== undefined && auth !== undefined && auth.token === token) cache.offer(auth);
      next();
    });
  };
}
