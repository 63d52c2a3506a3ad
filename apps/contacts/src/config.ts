import { fileURLToPath } from 'node:url';
import { type AuthConfig, optionalPort, parseAuthConfig, readEnv, workspaceEnvFile } from '@organizer/auth';
import { type DataConfig, parseDataSettings } from '@organizer/store';

export type { DataConfig } from '@organizer/store';

// The repository's root .env, three folders up from src/ and from dist/ alike; outside the repository (a
// `pnpm deploy` bundle), .env in the working directory.
const ENV_FILE = workspaceEnvFile(new URL('../../../', import.meta.url));

/** apps/contacts/.data: beside the service's code, git-ignored, whatever the working directory. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));

export interface ContactsConfig {
  readonly port: number;
  /** The interface to listen on: loopback unless HOST says otherwise (0.0.0.0 in a container). */
  readonly host: string;
  readonly auth: AuthConfig;
  readonly data: DataConfig;
}

/**
 * The contacts service's settings, read once at start-up; throws ConfigError (or StoreConfigError for
 * DATABASE_URL) naming a bad variable.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = readEnv(process.env, ENV_FILE),
): ContactsConfig {
  return {
    port: optionalPort('PORT', env.PORT, 3001),
    host: env.HOST?.trim() || '127.0.0.1',
    auth: parseAuthConfig(env),
    data: parseDataSettings(env, DEFAULT_DATA_DIR),
  };
}
