import { type AuthConfig, parseAuthConfig } from '@organizer/auth';
import { optionalPort, readEnv } from '@organizer/env';

export interface ContactsConfig {
  readonly port: number;
  readonly auth: AuthConfig;
}

/** The contacts service's settings, read once at start-up; throws ConfigError naming a bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = readEnv(process.env)): ContactsConfig {
  return { port: optionalPort('PORT', env.PORT, 3001), auth: parseAuthConfig(env) };
}
