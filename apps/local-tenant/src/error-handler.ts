import type { NextFunction, Request, Response } from 'express';
import { renderMessagePage } from './pages/message-page.ts';
import { sendPage } from './pages/send-page.ts';
import { ROUTES } from './provider-config.ts';

interface Answer {
  status: number;
  /** The OAuth error code of the JSON answer. */
  error: 'invalid_request' | 'server_error';
  description: string;
  /** The page's heading and lead. */
  title: string;
  lead: string;
}

const EXPIRED: Answer = {
  status: 400,
  error: 'invalid_request',
  description: 'The login request has expired or is unknown.',
  title: 'This login request has expired',
  lead: 'Go back to the application and log in again.',
};

const UNEXPECTED: Answer = {
  status: 500,
  error: 'server_error',
  description: 'The tenant could not complete the request.',
  title: 'Something went wrong',
  lead: 'The tenant could not complete the request; its log says why. Go back to the application and try again.',
};

function statusOf(error: unknown): number | undefined {
  const { status, statusCode } = (error ?? {}) as { status?: unknown; statusCode?: unknown };
  const value = status ?? statusCode;
  return typeof value === 'number' ? value : undefined;
}

/**
 * The answer is chosen from the kind of error only (its status and name), never from its message:
 * messages of the body parser, the router or oidc-provider name libraries and echo the input.
 */
function answerFor(error: unknown): Answer {
  if ((error as { name?: unknown } | undefined)?.name === 'SessionNotFound') return EXPIRED;
  const status = statusOf(error);
  if (status === 413) {
    return {
      status,
      error: 'invalid_request',
      description: 'The request is too large.',
      title: 'Request too large',
      lead: 'What was sent is larger than the tenant accepts. Go back and try again.',
    };
  }
  if (status === 415) {
    return {
      status,
      error: 'invalid_request',
      description: 'The request body is in an unsupported encoding.',
      title: 'Unsupported request',
      lead: 'Send the form as UTF-8 without a content encoding.',
    };
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return {
      status: 400,
      error: 'invalid_request',
      description: 'The request is malformed.',
      title: 'Bad request',
      lead: 'The address or the form sent to the tenant is malformed. Go back to the application and try again.',
    };
  }
  return UNEXPECTED;
}

/**
 * The one error handler of the tenant's express app (oidc-provider answers its own routes, through
 * `renderError` for pages). Pages for browser routes, `{ error, error_description }` for the token
 * endpoint and for clients that ask for JSON; never a stack trace, path or library name.
 */
export function tenantErrorHandler(logError: (message: string) => void) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    // Express's own handler then closes the connection; nothing more can be sent.
    if (res.headersSent) return next(error);
    const answer = answerFor(error);
    if (answer.status >= 500) logError(`local tenant: ${(error as Error | undefined)?.stack ?? String(error)}`);
    if (req.path === ROUTES.token || req.accepts(['html', 'json']) === 'json') {
      res
        .status(answer.status)
        .set('Cache-Control', 'no-store')
        .json({ error: answer.error, error_description: answer.description });
      return;
    }
    sendPage(res, answer.status, renderMessagePage(answer.title, [], answer.lead));
  };
}
