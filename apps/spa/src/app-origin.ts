/**
 * Where the SPA must be opened: the tenant sends the user back only to this origin (the local tenant's
 * callback, logout URL and web origin in apps/local-tenant/tenant.config.ts, and what `pnpm auth0:setup`
 * registers), and both services allow CORS only from it (their SPA_ORIGIN default). Opened anywhere else
 * (http://127.0.0.1:3000, another port) login, the silent check and the API calls all fail, each in its
 * own misleading way, so the page says so at once instead.
 */
export const SPA_ORIGIN = 'http://localhost:3000';

/** The port the dev server and `vite preview` listen on. */
export const SPA_PORT = Number(new URL(SPA_ORIGIN).port);

export interface WrongOrigin {
  /** Where the page is open now. */
  actual: string;
  /** The same page at the SPA's origin: the link to follow. */
  openInstead: string;
}

/** Undefined when the page is open at the SPA's origin; otherwise where it is and where to open it. */
export function checkOrigin(location: Pick<Location, 'origin' | 'pathname' | 'search'>, expected: string = SPA_ORIGIN): WrongOrigin | undefined {
  if (location.origin === expected) return undefined;
  return { actual: location.origin, openInstead: `${expected}${location.pathname}${location.search}` };
}
