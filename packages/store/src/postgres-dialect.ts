import { CompiledQuery, PostgresDialect } from 'kysely';
import pg from 'pg';
import { StoreConfigError } from './store-errors.ts';

/**
 * A checked DATABASE_URL: postgres:// or postgresql:// with a host. Services may call this from
 * their config parser to refuse a bad value at start-up; openStore calls it too.
 */
export function checkDatabaseUrl(value: string, setting = 'DATABASE_URL'): URL {
  const fix = 'Use postgres://USER:PASSWORD@HOST:5432/DATABASE, or leave it empty to keep the data in SQLite files.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value may hold a password, so it is never echoed.
    throw new StoreConfigError(setting, 'is not a valid URL', fix);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new StoreConfigError(setting, `must use postgres:// or postgresql:// (not ${url.protocol}//)`, fix);
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new StoreConfigError(setting, 'names no host', fix);
  }
  return url;
}

/** host:port/database as user, for messages and logs: everything but the password. */
export function describePostgres(url: URL): string {
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const user = url.username ? ` as ${decodeURIComponent(url.username)}` : '';
  return `PostgreSQL ${host}:${url.port || '5432'}${url.pathname || '/'}${user}`;
}

export interface PostgresOptions {
  readonly url: URL;
  /** The service's own PostgreSQL schema: every unqualified table name resolves there. */
  readonly schema: string;
  readonly poolSize: number;
}

/**
 * Kysely's PostgresDialect on a pg pool whose every connection uses only the service's schema, so
 * two services on one server and one database never see each other's tables, and their queries stay
 * the same as on SQLite (no schema or prefix in them).
 */
export function createPostgresDialect({ url, schema, poolSize }: PostgresOptions): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: url.href,
    max: poolSize,
    // pg waits forever for a connection by default; a store that cannot connect should say so.
    connectionTimeoutMillis: 5_000,
    application_name: schema,
  });
  // An idle connection the server drops (restart, failover) is reported here; without a listener
  // Node would crash the process. pg discards that connection, and the next query opens a new one
  // or fails with its own error, which is where the service reports it.
  pool.on('error', () => {});
  // The same for a connection the server drops while it is checked out (between a transaction's queries,
  // say): pg emits the error on the client itself, where no listener would crash the process. The query
  // waiting on it fails (a 503), and pg does not return a broken connection to the pool.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new PostgresDialect({
    pool,
    // Set on each new connection rather than in the URL's `options`, which a DATABASE_URL carrying
    // its own `options` would silently override. The name is checked to be a plain identifier.
    onCreateConnection: async (connection) => {
      await connection.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
    },
  });
}
