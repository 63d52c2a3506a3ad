// The built SPA's server: wiring only (settings → server → listen). `pnpm --filter ./apps/spa start:built`
// (and `pnpm start`) run it with plain node after `pnpm build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readEnv } from '@organizer/auth/read-env';
import { ConfigError, optionalPort } from '@organizer/auth/settings';
import { workspaceEnvFile } from '@organizer/env';
import { spaServing } from '../spa-serving.ts';
import { createSpaServer } from './static-server.ts';

// dist/node/server/index.js → dist/public (vite build's outDir).
const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));

try {
  const env = readEnv(process.env, workspaceEnvFile());
  const serving = spaServing(env);
  const port = optionalPort('PORT', env.PORT, serving.port);
  // As for the services: loopback unless HOST says otherwise (0.0.0.0 in a container behind nginx).
  const host = env.HOST?.trim() || 'localhost';
  if (!existsSync(`${publicDir}index.html`)) {
    console.error(`spa: no built page in ${publicDir}; run pnpm build first.`);
    process.exit(1);
  }
  if (serving.config === undefined)
    console.error('spa: the SPA settings are invalid; the page explains which one (see /config.json).');
  const server = createSpaServer(publicDir, serving).listen(port, host, () => {
    const origin = serving.config?.spaOrigin;
    console.log(
      `spa listening on http://localhost:${port}${origin ? `, to be opened at ${origin}` : ''} (built page from ${publicDir})`,
    );
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `spa: port ${port} is in use; stop what listens there, or set PORT.`
        : `spa: ${error.message}`,
    );
    process.exit(1);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`spa: ${error.message}`);
  process.exit(1);
}
