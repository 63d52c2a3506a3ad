// The page's settings come from its server at run time (/config.json, see spa-serving.ts), so one build
// serves any tenant and services. Anything wrong on the way is a ConfigError the page shows like a bad value.
import { ConfigError, parseSpaConfig, SPA_ENV_KEYS, type SpaConfig, type SpaEnv } from './config.ts';

export const CONFIG_URL = '/config.json';

const FIX =
  "Serve the SPA with its own server (pnpm dev, or pnpm start after pnpm build), which answers /config.json with the SPA's settings.";

/** Only the SPA's variables, each a string: anything else in the file means it is not ours. */
export function parseSpaEnvJson(value: unknown): SpaEnv {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(CONFIG_URL, 'is not a JSON object', FIX);
  }
  const env: SpaEnv = {};
  for (const [key, setting] of Object.entries(value)) {
    if (!(SPA_ENV_KEYS as readonly string[]).includes(key))
      throw new ConfigError(CONFIG_URL, `has an unknown key "${key}"`, FIX);
    if (typeof setting !== 'string') throw new ConfigError(CONFIG_URL, `has a non-string value for ${key}`, FIX);
    env[key as keyof SpaEnv] = setting;
  }
  return env;
}

/** Fetches and parses the settings; a ConfigError when they cannot be loaded or are invalid. */
export async function loadSpaConfig(fetchFn: typeof fetch = fetch): Promise<SpaConfig> {
  let response: Response;
  try {
    response = await fetchFn(CONFIG_URL, { cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    throw new ConfigError(CONFIG_URL, `could not be loaded (${(error as Error).message})`, FIX);
  }
  if (!response.ok) throw new ConfigError(CONFIG_URL, `could not be loaded (HTTP ${response.status})`, FIX);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ConfigError(CONFIG_URL, 'is not valid JSON', FIX);
  }
  return parseSpaConfig(parseSpaEnvJson(body));
}
