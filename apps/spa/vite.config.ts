import { readEnv } from '@organizer/env';
import { defineConfig } from 'vite';
import { pickSpaEnv } from './src/config.ts';

// Only the SPA's own variables reach the bundle (pickSpaEnv); the page validates them itself so that a
// bad value shows up as a message on the page rather than a dev server that refuses to start.
const spaEnv = pickSpaEnv(readEnv(process.env));

export default defineConfig({
  // No VITE_* variables from .env files: everything the page gets goes through `define` below.
  envDir: false,
  define: { __ORGANIZER_SPA_ENV__: JSON.stringify(spaEnv) },
  // Pre-bundled when the dev server starts, so the first page load never triggers a re-optimise-and-reload.
  optimizeDeps: { include: ['auth0-js', 'jose'] },
  server: { host: 'localhost', port: 3000, strictPort: true },
  preview: { host: 'localhost', port: 3000, strictPort: true },
  build: { target: 'es2022', reportCompressedSize: true },
  logLevel: 'info',
  clearScreen: false,
});
