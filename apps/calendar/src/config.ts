import { type AuthConfig, parseAuthConfig } from '@organizer/auth';
import { optionalPort, readEnv } from '@organizer/env';

export interface CalendarConfig {
  readonly port: number;
  readonly auth: AuthConfig;
}

/** The calendar service's settings, read once at start-up; throws ConfigError naming a bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = readEnv(process.env)): CalendarConfig {
  return { port: optionalPort('PORT', env.PORT, 3002), auth: parseAuthConfig(env) };
}
