import { DEFAULT_SPA_ORIGIN } from '@organizer/auth/settings';
import type { TenantDefinition } from './tenant-definition.ts';

/** One entry moved from the default origin to the SPA's: `http://localhost:3000` → the origin, `…:3000/x` → `<origin>/x`. */
function rebase(entry: string, spaOrigin: string): string {
  const url = URL.parse(entry);
  // Not a URL, or another origin (the owner's own entries): as written; validateTenant judges it.
  if (!url || url.origin !== DEFAULT_SPA_ORIGIN) return entry;
  const rest = url.pathname === '/' && !entry.endsWith('/') ? '' : `${url.pathname}${url.search}${url.hash}`;
  return `${spaOrigin}${rest}`;
}

function rebaseAll(entries: readonly string[], spaOrigin: string): string[] {
  return [...new Set(entries.map((entry) => rebase(entry, spaOrigin)))];
}

/**
 * The tenant definition with SPA_ORIGIN applied: in the SPA application's callbackUrls, logoutUrls and
 * webOrigins, every URL at the default origin (http://localhost:3000, the one tenant.config.ts lists)
 * moves to the configured origin, keeping its path. So the tenant accepts the SPA at exactly the
 * configured origin, and no longer at :3000 (whatever answered there would receive the tokens); URLs at
 * other origins stay as written. With the default origin the definition is returned unchanged.
 * The local tenant (src/config.ts) and `pnpm auth0:setup` both register the SPA through this.
 */
export function withSpaOrigin(definition: TenantDefinition, spaOrigin: string): TenantDefinition {
  if (spaOrigin === DEFAULT_SPA_ORIGIN) return definition;
  const { spa } = definition.applications;
  return {
    ...definition,
    applications: {
      ...definition.applications,
      spa: {
        ...spa,
        callbackUrls: rebaseAll(spa.callbackUrls, spaOrigin),
        logoutUrls: rebaseAll(spa.logoutUrls, spaOrigin),
        webOrigins: rebaseAll(spa.webOrigins, spaOrigin),
      },
    },
  };
}
