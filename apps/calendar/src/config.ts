import { fileURLToPath } from 'node:url';
import type { Env } from '@organizer/auth';
import { loadServiceConfig, type ServiceConfig } from '@organizer/service';

export type { DataConfig } from '@organizer/service';
export type CalendarConfig = ServiceConfig;

/** apps/calendar/.data: beside the service's code, git-ignored, whatever the working directory. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));

/**
 * The calendar service's settings (port 3002 unless PORT says otherwise), read once at start-up; throws
 * ConfigError (or StoreConfigError for DATABASE_URL) naming a bad variable.
 */
export function loadConfig(env?: Env): CalendarConfig {
  return loadServiceConfig({ port: 3002, dataDir: DEFAULT_DATA_DIR }, env);
}
