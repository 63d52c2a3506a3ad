import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AuthConfig, optionalPort, parseAuthConfig, readEnv } from '@organizer/auth';
import { present } from '@organizer/auth/settings';
import { checkDatabaseUrl } from '@organizer/store';

// This repository keeps one .env at its root for every part; a copy of this service outside it reads its own
// .env instead (readEnv's default: .env in the working directory).
const REPOSITORY_ENV = new URL('../../../.env', import.meta.url);

/** apps/contacts/.data: beside the service's code, git-ignored, whatever the working directory. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));

export interface DataConfig {
  /** The folder of the SQLite file (contacts.sqlite), created when missing; unused with a databaseUrl. */
  readonly dataDir: string;
  /** A postgres:// URL: the data lives in that database's `contacts` schema instead of a file. */
  readonly databaseUrl: string | undefined;
}

export interface ContactsConfig {
  readonly port: number;
  /** The interface to listen on: loopback unless HOST says otherwise (0.0.0.0 in a container). */
  readonly host: string;
  readonly auth: AuthConfig;
  readonly data: DataConfig;
}

/** DATA_DIR (a relative path is taken from the working directory) and DATABASE_URL, checked now. */
export function parseDataConfig(env: Readonly<Record<string, string | undefined>>): DataConfig {
  const dir = present(env.DATA_DIR);
  const url = present(env.DATABASE_URL);
  // Throws StoreConfigError naming DATABASE_URL, without echoing a value that may hold a password.
  if (url !== undefined) checkDatabaseUrl(url);
  return { dataDir: dir === undefined ? DEFAULT_DATA_DIR : resolve(dir), databaseUrl: url };
}

/**
 * The contacts service's settings, read once at start-up; throws ConfigError (or StoreConfigError for
 * DATABASE_URL) naming a bad variable.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = readEnv(process.env, REPOSITORY_ENV)): ContactsConfig {
  return {
    port: optionalPort('PORT', env.PORT, 3001),
    host: env.HOST?.trim() || '127.0.0.1',
    auth: parseAuthConfig(env),
    data: parseDataConfig(env),
  };
}
