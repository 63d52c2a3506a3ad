// What every server of the SPA (Vite's dev server, `vite preview`, the built SPA's server) derives from its
// environment when it starts: the page's settings as /config.json and the headers naming the same tenant
// and services. Computed here once, so the page and its Content-Security-Policy can never disagree.
import {
  ConfigError,
  DEFAULT_SPA_ORIGIN,
  parseSpaConfig,
  pickSpaEnv,
  type SpaConfig,
  type SpaEnv,
} from './src/config.ts';

// The page fetches its settings from this path (src/load-config.ts); the servers answer it.
export { CONFIG_URL as CONFIG_PATH } from './src/load-config.ts';

export interface SpaServing {
  /** Only the SPA's own variables (SPA_ENV_KEYS): never a secret. The page parses them itself. */
  publicEnv: SpaEnv;
  /** /config.json's body. */
  configJson: string;
  /** The parsed settings; undefined when invalid (the page then explains the problem, and talks to nobody). */
  config: SpaConfig | undefined;
  /** Where to listen unless told otherwise (PORT, --port): SPA_ORIGIN's port, the default's when it is invalid. */
  port: number;
}

function portOf(origin: string): number {
  const url = new URL(origin);
  return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
}

export function spaServing(env: Readonly<Record<string, string | undefined>>): SpaServing {
  const publicEnv = pickSpaEnv(env);
  let config: SpaConfig | undefined;
  try {
    config = parseSpaConfig(publicEnv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
  }
  return {
    publicEnv,
    configJson: JSON.stringify(publicEnv),
    config,
    port: portOf(config?.spaOrigin ?? DEFAULT_SPA_ORIGIN),
  };
}

/** The headers /config.json goes out with (on top of the security headers): read again on every load. */
export const CONFIG_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
};
