// The response headers every server of the SPA sends (Vite's dev server, `vite preview`, and any static
// server that serves the build): built from the parsed SPA config, so the policy names exactly the tenant
// and the two services the page talks to, and nothing else.
import type { SpaConfig } from './src/config.ts';

/** What Vite's dev client needs on top of the built page. Never set for built files. */
export interface DevServerAllowance {
  /**
   * The value Vite puts on the `<style>` elements its client injects (HMR, the error overlay) and on the
   * tags of index.html (`html.cspNonce`), so that dev needs no 'unsafe-inline'.
   */
  styleNonce: string;
}

function originOf(url: string): string {
  return new URL(url).origin;
}

function sources(values: readonly string[]): string {
  return values.length === 0 ? "'none'" : [...new Set(values)].join(' ');
}

/**
 * The Content-Security-Policy. `config` is undefined when the settings are invalid: the page then only
 * shows what to fix and talks to nobody but its own server, so the policy allows nobody else.
 */
export function contentSecurityPolicy(config: SpaConfig | undefined, dev?: DevServerAllowance): string {
  // The tenant: /oauth/token, its JWKS (the id_token check) and discovery (is it up?) by fetch; the
  // implicit flow's silent check (checkSession) in a hidden iframe. Logging in and out are top-level
  // navigations, which a page's CSP does not restrict.
  const tenant = config ? [originOf(config.tenant.issuer)] : [];
  const apis = config ? [config.apis.contacts, config.apis.calendar].map(originOf) : [];
  // The page's own origin: /config.json (its settings, loaded before it starts) and, in dev, Vite's ping
  // and HMR websocket ('self' covers ws: there). A service served under the SPA's own origin (behind a
  // reverse proxy) is named explicitly too.
  const self = ["'self'"];
  const directives: Array<[string, string]> = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', sources(["'self'", ...(dev ? [`'nonce-${dev.styleNonce}'`] : [])])],
    // The favicon is an inline SVG (data:), so the page makes no /favicon.ico request.
    ['img-src', "'self' data:"],
    ['connect-src', sources([...self, ...tenant, ...apis])],
    ['frame-src', sources(tenant)],
    // The page has no forms; sign-in forms are the tenant's own pages.
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'none'"],
    ['object-src', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** Every header to set on every response (the page, its scripts and styles, and error answers). */
export function securityHeaders(config: SpaConfig | undefined, dev?: DevServerAllowance): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(config, dev),
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    // The address bar may hold an authorization response for a moment: never send it anywhere.
    'Referrer-Policy': 'no-referrer',
    // No other origin may embed these files with a no-cors load (<script>, <img>), which CORS does not stop.
    'Cross-Origin-Resource-Policy': 'same-origin',
    // A page on another origin that opened this one (or that it opens) gets no handle on its window.
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Served at an https SPA_ORIGIN (behind a TLS proxy): the browser keeps to https for a year, so no one on
    // the network can serve it an http page instead. Not for http origins, where browsers ignore it.
    ...(config?.spaOrigin.startsWith('https:') ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}
