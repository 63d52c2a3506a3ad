import type { RequestHandler } from 'express';

// The JSON answers for requests no route serves, in the error handler's shape { error, error_description }.

/** For a protected path's other methods, mounted after the scope check so an unauthenticated call is 401. */
export function methodNotAllowed(allowed: readonly string[]): RequestHandler {
  const allow = allowed.join(', ');
  return (_req, res) => {
    res
      .set('Allow', allow)
      .status(405)
      .json({ error: 'method_not_allowed', error_description: `Use ${allow}` });
  };
}

/** Unknown routes answer in the same JSON shape. */
export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'not_found', error_description: 'No such route' });
};
