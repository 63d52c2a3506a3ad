/** Opened at another origin than SPA_ORIGIN: where the page is now, and the same page where it works. */
export interface WrongOrigin {
  /** Where the page is open now. */
  actual: string;
  /** The same page at the SPA's origin: the link to follow. */
  openInstead: string;
}

/**
 * Undefined when the page is open at SPA_ORIGIN (handed to it in /config.json); otherwise where it is and
 * where to open it. The tenant sends the user back only to that origin (the callback, logout URL and web
 * origin it registers), and the services allow CORS only from it: opened anywhere else (http://127.0.0.1
 * for localhost, another port) login, the session check and the API calls would all fail, each in its own
 * misleading way, so the page says so at once instead.
 */
export function checkOrigin(
  location: Pick<Location, 'origin' | 'pathname' | 'search'>,
  expected: string,
): WrongOrigin | undefined {
  if (location.origin === expected) return undefined;
  return { actual: location.origin, openInstead: `${expected}${location.pathname}${location.search}` };
}
