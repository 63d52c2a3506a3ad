import { fileURLToPath } from 'node:url';
import { optionalPort, parseAuthConfig, readEnv } from '@organizer/auth';
import { parseDataSettings } from '@organizer/store';
// This repository keeps one .env at its root for every part; a copy of this service outside it reads its own
// .env instead (readEnv's default: .env in the working directory).
const REPOSITORY_ENV = new URL('../../../.env', import.meta.url);
/** apps/contacts/.data: beside the service's code, git-ignored, whatever the working directory. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));
/**
 * The contacts service's settings, read once at start-up; throws ConfigError (or StoreConfigError for
 * DATABASE_URL) naming a bad variable.
 */
export function loadConfig(env = readEnv(process.env, REPOSITORY_ENV)) {
    return {
        port: optionalPort('PORT', env.PORT, 3001),
        host: env.HOST?.trim() || '127.0.0.1',
        auth: parseAuthConfig(env),
        data: parseDataSettings(env, DEFAULT_DATA_DIR),
    };
}
