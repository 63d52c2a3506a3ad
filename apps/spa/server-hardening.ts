// What the SPA's dev server and `vite preview` may hand out, and to whom (the built SPA's server is
// server/static-server.ts). Vite's defaults serve every file
// of the workspace (the local tenant's private signing key included) at /@fs/<absolute path> and answer
// CORS for any localhost origin, so any page on another local port could read them.
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Plugin, ServerOptions } from 'vite';
import { type DevServerAllowance, securityHeaders } from './security-headers.ts';
import { CONFIG_HEADERS, CONFIG_PATH, type SpaServing } from './spa-serving.ts';

/** The packages the page imports; Vite pre-bundles them, but may still read their own files. */
const PAGE_DEPENDENCIES = ['auth0-js', 'jose', 'swagger-ui-dist'];

/**
 * Never served, even inside an allowed folder: Vite's own list (its default is replaced, not extended,
 * when set) plus key stores and anything named like a secret.
 */
const DENY = [
  '.env',
  '.env.*',
  '*.{crt,pem,key,p12,pfx,cer,der,jwk,jwks}',
  '.npmrc',
  '.yarnrc.yml',
  '**/.git/**',
  '**/.keys/**',
  '*signing-key*',
  '*secret*',
  '*credential*',
];

/** The folder of each dependency as Vite resolves it (pnpm's store, through the symlink). */
function dependencyDirs(spaDir: string): string[] {
  const require = createRequire(`${spaDir}/package.json`);
  return PAGE_DEPENDENCIES.map((name) => realpathSync(dirname(require.resolve(`${name}/package.json`))));
}

/**
 * The SPA's folder and the packages its page loads, nothing else of the workspace (Vite adds its own
 * client); no CORS at all, since only the SPA's own page, same-origin, reads these files.
 */
export function lockedDownServing(spaDir: string): Pick<ServerOptions, 'fs' | 'cors'> {
  return { fs: { strict: true, allow: [spaDir, ...dependencyDirs(spaDir)], deny: DENY }, cors: false };
}

/**
 * Sets the security headers on every response of the dev server and of `vite preview`, before any other
 * middleware answers (Vite's `server.headers` misses some, such as its 403 and 404 pages), and answers
 * /config.json with the page's settings, as the built SPA's server does.
 */
export function securityHeadersPlugin(serving: SpaServing, dev: DevServerAllowance): Plugin {
  const devHeaders = securityHeaders(serving.config, dev);
  const builtHeaders = securityHeaders(serving.config);
  type Res = { setHeader(name: string, value: string): unknown; end(body: string): unknown };
  const apply =
    (headers: Record<string, string>) => (req: { url?: string; method?: string }, res: Res, next: () => void) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      if (req.url?.split('?')[0] === CONFIG_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
        for (const [name, value] of Object.entries(CONFIG_HEADERS)) res.setHeader(name, value);
        res.end(req.method === 'HEAD' ? '' : serving.configJson);
        return;
      }
      next();
    };
  return {
    name: 'organizer-security-headers',
    configureServer(server) {
      server.middlewares.use(apply(devHeaders));
      // Vite's /__open-in-editor?file=… opens any file in the developer's editor for whatever page asks,
      // other origins' included; this sample never needs it, so it answers nothing there.
      server.middlewares.use('/__open-in-editor', (_req, res) => {
        res.statusCode = 404;
        res.end('Not found');
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use(apply(builtHeaders));
    },
  };
}
