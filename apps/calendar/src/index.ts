import { ConfigError } from '@organizer/auth';
import { StoreError } from '@organizer/store';
import { createApp, openCalendarStore } from './app.ts';
import { loadConfig } from './config.ts';

// Wiring only: configuration, the store, the app, the listener. A bad variable, a database that cannot be
// opened or a failed migration prints its message (no stack) and exits 1.
function stop(err: unknown): never {
  // StoreConfigError (DATABASE_URL) is a bad variable like ConfigError; the other StoreErrors say which
  // database could not be opened or which migration failed, and where.
  if (!(err instanceof ConfigError || err instanceof StoreError)) throw err;
  console.error(`calendar: ${err.message}`);
  process.exit(1);
}

let config;
try {
  config = loadConfig();
} catch (err) {
  stop(err);
}
const store = await openCalendarStore(config.data).catch(stop);
console.log(`calendar: data in ${store.location}${store.migrated.length > 0 ? ` (applied ${store.migrated.join(', ')})` : ''}`);

// warmUp: the tenant's keys are fetched now, so the first API call does not wait for them; if the tenant
// cannot be reached, the log says so and how to start it.
const server = createApp(config, { store, warmUp: { startCommand: 'pnpm dev' } }).listen(config.port, config.host, () => {
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
    // The store closes once the listener has, so no handler finds its database gone.
    server.close(() => void store.close().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
