import { IncomingMessage, type ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** oidc-provider's own body limit. */
const BODY_LIMIT = '56kb';

function invalidRequest(res: Response, description: string): void {
  res.status(400).set('Cache-Control', 'no-store').json({ error: 'invalid_request', error_description: description });
}

function toForm(body: unknown): URLSearchParams | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      form.append(key, String(value));
    else return undefined;
  }
  return form;
}

/**
 * Auth0's /oauth/token accepts JSON as well as form bodies; oidc-provider parses only forms. This reads
 * either and hands oidc-provider the same request with a form body. Everything else — client
 * authentication, grants and their scopes (src/client-grant.ts), errors — stays oidc-provider's.
 */
export function tokenRequestAdapter(provider: NodeHandler, hasDefaultAudience: boolean) {
  const readBody = express.raw({ type: () => true, limit: BODY_LIMIT });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.is(['application/json', 'application/x-www-form-urlencoded'])) return next();
    readBody(req, res, (error?: unknown) => {
      if (error) return next(error);
      const text = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      let form: URLSearchParams | undefined;
      if (req.is('application/json')) {
        try {
          form = toForm(JSON.parse(text));
        } catch {
          return invalidRequest(res, 'the request body is not valid JSON');
        }
        if (!form) return invalidRequest(res, 'the JSON body must be an object of string values');
      } else {
        form = new URLSearchParams(text);
      }
      if (form.get('grant_type') === 'client_credentials') {
        // A client-credentials token without an API would be an opaque token no service accepts; Auth0 refuses it.
        if (!hasDefaultAudience && !form.get('audience') && !form.get('resource')) {
          res.status(403).set('Cache-Control', 'no-store').json({
            error: 'access_denied',
            error_description: 'No audience parameter was provided, and no default audience has been configured',
          });
          return;
        }
      }

      const encoded = Buffer.from(form.toString());
      // A fresh request object carrying the rewritten body, because the original stream is consumed.
      const forwarded = new IncomingMessage(req.socket);
      forwarded.method = req.method;
      forwarded.url = req.originalUrl;
      forwarded.httpVersion = req.httpVersion;
      forwarded.httpVersionMajor = req.httpVersionMajor;
      forwarded.httpVersionMinor = req.httpVersionMinor;
      const { 'transfer-encoding': _chunked, ...headers } = req.headers;
      forwarded.headers = {
        ...headers,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(encoded.length),
      };
      forwarded.complete = true;
      forwarded.push(encoded);
      forwarded.push(null);
      provider(forwarded, res);
    });
  };
}

/** Auth0's logout takes `returnTo`; OpenID Connect RP-initiated logout calls it `post_logout_redirect_uri`. */
export function logoutParameters(req: Request, _res: Response, next: NextFunction): void {
  const url = new URL(req.originalUrl, 'http://placeholder');
  const returnTo = url.searchParams.get('returnTo');
  if (req.method === 'GET' && returnTo !== null && !url.searchParams.has('post_logout_redirect_uri')) {
    url.searchParams.delete('returnTo');
    url.searchParams.set('post_logout_redirect_uri', returnTo);
    req.url = `${url.pathname}${url.search}`;
  }
  next();
}
