import { ConfigError, present } from '@organizer/auth/settings';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the SPA and `pnpm m2m` call each service: the full URL of its route. */
export interface ApiUrls {
  readonly contacts: string;
  readonly calendar: string;
}

export const DEFAULT_API_URLS: ApiUrls = {
  contacts: 'http://localhost:3001/api/contacts',
  calendar: 'http://localhost:3002/api/calendar',
};

/**
 * One route URL: absolute http(s), no credentials, query or fragment (a DELETE appends `/<id>` to it), no
 * stray characters; a trailing slash is dropped for the same reason.
 */
export function parseApiUrl(variable: string, raw: string | undefined, fallback: string): string {
  const value = present(raw);
  if (value === undefined) return fallback;
  const fix = `Use the route's full URL, such as ${fallback} (or unset it for that default).`;
  // new URL() would quietly percent-encode a space or accept "\" as "/": a value with either is a typo.
  if (/[\s\\"'<>`]/.test(value))
    throw new ConfigError(variable, `contains a space, quote or backslash ("${value}")`, fix);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `is not a valid URL ("${value}")`, fix);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(variable, `must use http or https ("${value}")`, fix);
  if (
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== '' ||
    value.endsWith('?') ||
    value.endsWith('#')
  ) {
    throw new ConfigError(
      variable,
      `must be a plain route URL, without credentials, query or fragment ("${value}")`,
      fix,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** CONTACTS_API_URL and CALENDAR_API_URL, each checked once here, for every part that calls the services. */
export function parseApiUrls(env: Env): ApiUrls {
  return {
    contacts: parseApiUrl('CONTACTS_API_URL', env.CONTACTS_API_URL, DEFAULT_API_URLS.contacts),
    calendar: parseApiUrl('CALENDAR_API_URL', env.CALENDAR_API_URL, DEFAULT_API_URLS.calendar),
  };
}
