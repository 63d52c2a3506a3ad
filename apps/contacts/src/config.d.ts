import { type AuthConfig } from '@organizer/auth';
import { type DataConfig } from '@organizer/store';
export type { DataConfig } from '@organizer/store';
/** apps/contacts/.data: beside the service's code, git-ignored, whatever the working directory. */
export declare const DEFAULT_DATA_DIR: string;
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
export declare function loadConfig(env?: Readonly<Record<string, string | undefined>>): ContactsConfig;
