import { type AuthConfig, parseAuthConfig } from '@organizer/auth';
import { optionalPort, readEnv } from '@organizer/env';

export interface ContactsConfig {
  readonly port: number;
  /** The interface to listen on: loopback unless HOST says otherwise (0.0.0.0 in a container). */
  readonly host: string;
  readonly auth: AuthConfig;
}

/** The contacts service's settings, read once at start-up; throws ConfigError naming a bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = readEnv(process.env)): ContactsConfig {
  return { port: optionalPort('PORT', env.PORT, 3001), host: env.HOST?.trim() || '127.0.0.1', auth: parseAuthConfig(env) };
}
