import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { InsufficientScopeError, requiredScopes } from 'express-oauth2-jwt-bearer';
import { MissingScopeError } from './errors.ts';

/**
 * The library's `requiredScopes` for one scope, run on every request (cached tokens included). Its
 * failure is re-raised with the scope attached, so the error handler can name it in `scope="..."`
 * without reading the library's header text.
 */
export function scopeCheck(scope: string): RequestHandler {
  if (scope === '' || /\s/.test(scope)) throw new TypeError(`a scope is one non-empty word, got "${scope}"`);
  const check = requiredScopes(scope);
  return (req: Request, res: Response, next: NextFunction) => {
    check(req, res, (err?: unknown) => {
      next(err instanceof InsufficientScopeError ? new MissingScopeError(scope) : err);
    });
  };
}
