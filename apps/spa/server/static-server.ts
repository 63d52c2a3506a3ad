// The built SPA's server (`pnpm start`, or a deployment without a reverse proxy of its own): the files of
// dist/public and /config.json, each with the same security headers as the dev server, and nothing else —
// no directory listings, no dotfiles, nothing outside the built folder (express.static refuses `..`).
import express, { type ErrorRequestHandler, type Express } from 'express';
import { securityHeaders } from '../security-headers.ts';
import { CONFIG_HEADERS, CONFIG_PATH, type SpaServing } from '../spa-serving.ts';

/** Vite names built assets by content hash: a changed file gets a new name, so these may be kept. */
const ASSETS_PREFIX = '/assets/';

export function createSpaServer(publicDir: string, serving: SpaServing): Express {
  const headers = securityHeaders(serving.config);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.use((_req, res, next) => {
    res.set(headers);
    next();
  });
  app.get(CONFIG_PATH, (_req, res) => {
    res.set(CONFIG_HEADERS).send(serving.configJson);
  });
  app.use(
    express.static(publicDir, {
      index: 'index.html',
      dotfiles: 'deny',
      redirect: false,
      setHeaders(res, path) {
        // index.html names the current assets: always revalidated, so a new build shows up at once.
        res.setHeader(
          'Cache-Control',
          path.includes(ASSETS_PREFIX) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  // Express's default handler would print a stack trace in the body; say only what the status means.
  const onError: ErrorRequestHandler = (error: { status?: number; statusCode?: number }, _req, res, _next) => {
    const status = error.status ?? error.statusCode ?? 500;
    res
      .status(status >= 400 && status < 600 ? status : 500)
      .type('text/plain')
      .send(status === 404 ? 'Not found' : status < 500 ? 'Bad request' : 'Server error');
  };
  app.use(onError);
  return app;
}
