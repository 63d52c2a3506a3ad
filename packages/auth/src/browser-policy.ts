import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's secure defaults, and CORS for the SPA's origin only. A listed origin gets
 * Access-Control-Allow-Origin; any other gets no CORS header at all, so the browser blocks it. The SPA may
 * send exactly what the routes take (GET, POST and DELETE, with a Bearer or DPoP token, a DPoP proof and a
 * JSON body) and read WWW-Authenticate, which says why a call failed (invalid_token, insufficient_scope),
 * and DPoP-Nonce (RFC 9449 9), should a proxy in front ask for server nonces. Any other method or
 * request header fails the browser's preflight.
 */
export function browserPolicy(spaOrigin: string): RequestHandler[] {
  return [
    helmet(),
    cors({
      origin: [spaOrigin],
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'DPoP'],
      exposedHeaders: ['WWW-Authenticate', 'DPoP-Nonce'],
      maxAge: 600,
    }),
  ];
}
