import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnv } from '@organizer/auth/read-env';
import { workspaceEnvFile } from '@organizer/env';
import { defineConfig } from 'vite';
import { lockedDownServing, securityHeadersPlugin } from './server-hardening.ts';
import { spaServing } from './spa-serving.ts';

// The page gets its settings at run time from /config.json (only the SPA's own variables, see pickSpaEnv),
// so one build serves any tenant and services. It validates them itself, so that a bad value shows up as a
// message on the page rather than a dev server that refuses to start.
const serving = spaServing(readEnv(process.env, workspaceEnvFile()));

const spaDir = dirname(fileURLToPath(import.meta.url));
// Vite answers only Host headers it knows (localhost and IP addresses): SPA_ORIGIN's host name too, so that a
// proxy in front of the dev server (at the SPA's origin) is not refused.
const allowedHosts = serving.config ? [new URL(serving.config.spaOrigin).hostname] : [];
const locked = lockedDownServing(spaDir);

export default defineConfig(({ command, isPreview }) => {
  // One per dev server start; only Vite's client and index.html's tags carry it (see security-headers.ts).
  const styleNonce = randomBytes(18).toString('base64');
  const dev = command === 'serve' && !isPreview;
  return {
    // No VITE_* variables from .env files, and nothing from the environment in the bundle: see /config.json.
    envDir: false,
    // Workspace packages' TypeScript sources (their "@organizer/source" export), so no build is needed first.
    resolve: { conditions: ['@organizer/source', 'module', 'browser', 'development|production'] },
    // Pre-bundled when the dev server starts, so the first page load never triggers a re-optimise-and-reload.
    // Swagger UI's bundle is the API console's (api-docs/); Vite keeps its pre-bundle across starts.
    optimizeDeps: { include: ['auth0-js', 'jose', 'swagger-ui-dist/swagger-ui-es-bundle.js'] },
    ...(dev ? { html: { cspNonce: styleNonce } } : {}),
    plugins: [securityHeadersPlugin(serving, { styleNonce })],
    server: { host: 'localhost', port: serving.port, strictPort: true, allowedHosts, ...locked },
    preview: { host: 'localhost', port: serving.port, strictPort: true, allowedHosts, cors: locked.cors },
    // dist/public: the page; dist/node: the server that serves it (tsconfig.build.json). No source maps.
    // Two pages: the app (index.html) and the API console (api-docs/index.html), which share the login module.
    build: {
      target: 'es2022',
      reportCompressedSize: true,
      outDir: 'dist/public',
      sourcemap: false,
      // Swagger UI's own bundle (about 1.6 MB) is the API console's chunk; the app's stays small (bundle.test.ts).
      chunkSizeWarningLimit: 1700,
      rolldownOptions: { input: { index: `${spaDir}/index.html`, apiDocs: `${spaDir}/api-docs/index.html` } },
    },
    logLevel: 'info',
    clearScreen: false,
  };
});
