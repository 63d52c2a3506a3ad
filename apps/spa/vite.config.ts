import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnv } from '@organizer/env';
import { defineConfig } from 'vite';
import { lockedDownServing, securityHeadersPlugin } from './server-hardening.ts';
import { SPA_PORT } from './src/app-origin.ts';
import { ConfigError, parseSpaConfig, pickSpaEnv, type SpaConfig } from './src/config.ts';

// Only the SPA's own variables reach the bundle (pickSpaEnv); the page validates them itself so that a
// bad value shows up as a message on the page rather than a dev server that refuses to start.
const spaEnv = pickSpaEnv(readEnv(process.env));

/** The settings the security headers name; undefined when invalid (the page then explains the problem). */
function configForHeaders(): SpaConfig | undefined {
  try {
    return parseSpaConfig(spaEnv);
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

const spaDir = dirname(fileURLToPath(import.meta.url));
const serving = lockedDownServing(spaDir);

export default defineConfig(({ command, isPreview }) => {
  // One per dev server start; only Vite's client and index.html's tags carry it (see security-headers.ts).
  const styleNonce = randomBytes(18).toString('base64');
  const dev = command === 'serve' && !isPreview;
  return {
    // No VITE_* variables from .env files: everything the page gets goes through `define` below.
    envDir: false,
    define: { __ORGANIZER_SPA_ENV__: JSON.stringify(spaEnv) },
    // Pre-bundled when the dev server starts, so the first page load never triggers a re-optimise-and-reload.
    optimizeDeps: { include: ['auth0-js', 'jose'] },
    ...(dev ? { html: { cspNonce: styleNonce } } : {}),
    plugins: [securityHeadersPlugin(configForHeaders(), { styleNonce })],
    server: { host: 'localhost', port: SPA_PORT, strictPort: true, ...serving },
    preview: { host: 'localhost', port: SPA_PORT, strictPort: true, cors: serving.cors },
    build: { target: 'es2022', reportCompressedSize: true },
    logLevel: 'info',
    clearScreen: false,
  };
});
