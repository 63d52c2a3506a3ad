/**
 * A request refused on purpose, with the status, the `error` code and the fixed, safe description the
 * client reads. Routes and the body parser raise it (a field that breaks a rule, a body too large, an item
 * that is not the caller's, a database out of reach) and the one error handler renders it as
 * `{ error, error_description }`; a 503 also gets Retry-After. Never build one from a library's or a
 * driver's message: those can carry internal detail.
 */
export class RequestError extends Error {
  override name = 'RequestError';
  readonly status: number;
  readonly code: string;
  readonly description: string;
  constructor(status: number, code: string, description: string) {
    super(`${status} ${code}: ${description}`);
    this.status = status;
    this.code = code;
    this.description = description;
    if (!Number.isInteger(status) || status < 400 || status > 599)
      throw new RangeError(`not an error status: ${status}`);
  }

  /** 400 invalid_request: the input breaks a rule; the description says which field and which rule. */
  static invalid(description: string): RequestError {
    return new RequestError(400, 'invalid_request', description);
  }

  /** 404 not_found: no such item for this caller (whether it exists for another one is not said). */
  static notFound(description: string): RequestError {
    return new RequestError(404, 'not_found', description);
  }

  /** 503 temporarily_unavailable: something the service needs is out of reach; the client may retry. */
  static unavailable(description: string): RequestError {
    return new RequestError(503, 'temporarily_unavailable', description);
  }
}
