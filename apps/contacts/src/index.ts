import { ConfigError, createLogger, logUncaught, stopOnSignals } from '@organizer/auth';
import { StoreError } from '@organizer/store';
import { createApp, openContactsStore } from './app.ts';
import { loadConfig } from './config.ts';

// Wiring only: the logger, configuration, the store, the app, the listener, the graceful stop. A bad
// variable, a database that cannot be opened or a failed migration prints its message (no stack) and exits 1.
function stop(err: unknown): never {
  // StoreConfigError (DATABASE_URL) is a bad variable like ConfigError; the other StoreErrors say which
  // database could not be opened or which migration failed, and where.
  if (!(err instanceof ConfigError || err instanceof StoreError)) throw err;
  console.error(`contacts: ${err.message}`);
  process.exit(1);
}

// Machine-readable lines (listening, stopping, a crash) go through one JSON logger on stdout.
const logger = createLogger('contacts');
logUncaught(logger);
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  stop(err);
}
const store = await openContactsStore(config.data).catch(stop);
console.log(
  `contacts: data in ${store.location}${store.migrated.length > 0 ? ` (applied ${store.migrated.join(', ')})` : ''}`,
);

// warmUp: the tenant's keys are fetched now, so the first API call does not wait for them; if the tenant
// cannot be reached, the log says so and how to start it. The "listening on" line is what `pnpm dev` shows
// and the start tests wait for; the JSON line after it says the same for a log collector.
const server = createApp(config, { store, warmUp: { startCommand: 'pnpm dev' } }).listen(
  config.port,
  config.host,
  () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    console.log(
      `contacts listening on http://localhost:${port} (issuer ${config.auth.issuerBaseUrl}, audience ${config.auth.audience})`,
    );
    logger.info(
      {
        port,
        host: config.host,
        issuer: config.auth.issuerBaseUrl,
        audience: config.auth.audience,
        store: store.location,
      },
      'listening',
    );
  },
);
server.on('error', (err) => {
  console.error(`contacts: cannot listen on ${config.host} port ${config.port}: ${err.message}`);
  process.exit(1);
});
// The store closes once the last request has finished, so no handler finds its database gone.
stopOnSignals(server, { logger, close: () => store.close() });
