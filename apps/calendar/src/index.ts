import { ConfigError } from '@organizer/auth';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';

// Wiring only: configuration, the app, the listener. A bad variable prints its message and exits 1.
let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`calendar: ${err.message}`);
  process.exit(1);
}

// warmUp: the tenant's keys are fetched now, so the first API call does not wait for them; if the tenant
// cannot be reached, the log says so and how to start it.
const server = createApp(config, { warmUp: { startCommand: 'pnpm dev' } }).listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  console.log(`calendar listening on http://localhost:${port} (issuer ${config.auth.issuerBaseUrl}, audience ${config.auth.audience})`);
});
server.on('error', (err) => {
  console.error(`calendar: cannot listen on ${config.host} port ${config.port}: ${err.message}`);
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
