import { ConfigError, createLogger, logUncaught, type ProtectionOptions } from '@organizer/auth';
import { type DataConfig, type Store, StoreError } from '@organizer/store';
import type { Express } from 'express';
import type { ServiceConfig } from './service-config.ts';
import { stopOnSignals } from './stop-on-signals.ts';

/** What a service's entry file hands to runService. */
export interface ServiceDefinition<DB, Config extends ServiceConfig = ServiceConfig> {
  /** Its name in the log lines and messages. */
  readonly name: string;
  readonly loadConfig: () => Config;
  /** Opens and migrates its own database. */
  readonly openStore: (data: DataConfig) => Promise<Store<DB>>;
  readonly createApp: (config: Config, options: ProtectionOptions & { readonly store: Store<DB> }) => Express;
}

/**
 * Starts a service: its JSON logger, its settings, its store, its app on its port, and the graceful stop. A
 * bad variable, a database that cannot be opened or a failed migration prints its message (no stack) and
 * exits 1, as does a port that cannot be listened on.
 */
export async function runService<DB, Config extends ServiceConfig>({
  name,
  loadConfig,
  openStore,
  createApp,
}: ServiceDefinition<DB, Config>): Promise<void> {
  const stop = (err: unknown): never => {
    // StoreConfigError (DATABASE_URL) is a bad variable like ConfigError; the other StoreErrors say which
    // database could not be opened or which migration failed, and where.
    if (!(err instanceof ConfigError || err instanceof StoreError)) throw err;
    console.error(`${name}: ${err.message}`);
    process.exit(1);
  };
  // Machine-readable lines (listening, stopping, a crash) go through one JSON logger on stdout.
  const logger = createLogger(name);
  logUncaught(logger);
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    return stop(err);
  }
  const store = await openStore(config.data).catch(stop);
  const applied = store.migrated.length > 0 ? ` (applied ${store.migrated.join(', ')})` : '';
  console.log(`${name}: data in ${store.location}${applied}`);

  // warmUp: the tenant's keys are fetched now, so the first API call does not wait for them; if the tenant
  // cannot be reached, the log says so and how to start it. The "listening on" line is what `pnpm dev`
  // shows and the start tests wait for; the JSON line after it says the same for a log collector.
  const { auth, host } = config;
  const server = createApp(config, { store, warmUp: { startCommand: 'pnpm dev' } }).listen(config.port, host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    console.log(
      `${name} listening on http://localhost:${port} (issuer ${auth.issuerBaseUrl}, audience ${auth.audience})`,
    );
    const fields = { port, host, issuer: auth.issuerBaseUrl, audience: auth.audience, store: store.location };
    logger.info(fields, 'listening');
  });
  server.on('error', (err) => {
    console.error(`${name}: cannot listen on ${host} port ${config.port}: ${err.message}`);
    process.exit(1);
  });
  // The store closes once the last request has finished, so no handler finds its database gone.
  stopOnSignals(server, { logger, close: () => store.close() });
}
