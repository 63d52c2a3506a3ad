/**
 * Errors of our own that the error handler renders. The library's own errors (UnauthorizedError and
 * subclasses) are rendered too, but never with their message: that text can carry internal details.
 */

/** A token was sent somewhere other than the Authorization header; it is refused, never verified. */
export class TokenOutsideHeaderError extends Error {
  override name = 'TokenOutsideHeaderError';
  readonly location: 'query' | 'body';
  constructor(location: 'query' | 'body') {
    super(`access token sent in the ${location}`);
    this.location = location;
  }
}

/** A verified token lacks the scope a route requires. */
export class MissingScopeError extends Error {
  override name = 'MissingScopeError';
  readonly scope: string;
  constructor(scope: string) {
    super(`missing scope ${scope}`);
    this.scope = scope;
  }
}

/** The tenant (discovery or JWKS) could not be reached in time, so the token could not be checked. */
export class TenantUnavailableError extends Error {
  override name = 'TenantUnavailableError';
  readonly detail: string;
  constructor(detail: string) {
    super(`tenant unavailable: ${detail}`);
    this.detail = detail;
  }
}

/** A DPoP proof this service refuses on top of the library's checks (one used before, a jti too long). */
export class InvalidProofError extends Error {
  override name = 'InvalidProofError';
}
