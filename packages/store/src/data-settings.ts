import { resolve } from 'node:path';
import { checkDatabaseUrl } from './postgres-dialect.ts';

/** Where a service keeps its data: an SQLite file in `dataDir`, or the PostgreSQL database at `databaseUrl`. */
export interface DataConfig {
  /** The folder of the service's SQLite file (`<name>.sqlite`), created when missing; unused with a databaseUrl. */
  readonly dataDir: string;
  /** A postgres:// URL: the data lives in that database's schema named after the service instead of a file. */
  readonly databaseUrl: string | undefined;
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * DATA_DIR (a relative path is taken from the working directory; unset, the service's own `defaultDataDir`)
 * and DATABASE_URL, checked now: one parser for every service that keeps data.
 */
export function parseDataSettings(
  env: Readonly<Record<string, string | undefined>>,
  defaultDataDir: string,
): DataConfig {
  const dir = present(env.DATA_DIR);
  const url = present(env.DATABASE_URL);
  // Throws StoreConfigError naming DATABASE_URL, without echoing a value that may hold a password.
  if (url !== undefined) checkDatabaseUrl(url);
  return { dataDir: dir === undefined ? defaultDataDir : resolve(dir), databaseUrl: url };
}
