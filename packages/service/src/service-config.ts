import { type AuthConfig, type Env, optionalPort, parseAuthConfig, readEnv } from '@organizer/auth';
import { workspaceEnvFile } from '@organizer/env';
import { type DataConfig, parseDataSettings } from '@organizer/store';

export type { DataConfig } from '@organizer/store';

export interface ServiceConfig {
  readonly port: number;
  /** The interface to listen on: loopback unless HOST says otherwise (0.0.0.0 in a container). */
  readonly host: string;
  readonly auth: AuthConfig;
  readonly data: DataConfig;
}

/** What differs between the services' settings: the port they listen on and where SQLite keeps their data. */
export interface ServiceDefaults {
  readonly port: number;
  /** DATA_DIR's default. */
  readonly dataDir: string;
}

/**
 * The environment a service reads: the process's, over the `.env` of the pnpm workspace it is started in
 * (this repository's root `.env`), or over `.env` in the working directory when it runs on its own (a
 * `pnpm deploy` bundle).
 */
export function serviceEnv(): Env {
  return readEnv(process.env, workspaceEnvFile(process.cwd()));
}

/**
 * A service's settings (PORT, HOST, the tenant's, DATA_DIR and DATABASE_URL), read once at start-up; throws
 * ConfigError (or StoreConfigError for DATABASE_URL) naming a bad variable.
 */
export function loadServiceConfig(defaults: ServiceDefaults, env: Env = serviceEnv()): ServiceConfig {
  return {
    port: optionalPort('PORT', env.PORT, defaults.port),
    host: env.HOST?.trim() || '127.0.0.1',
    auth: parseAuthConfig(env),
    data: parseDataSettings(env, defaults.dataDir),
  };
}
