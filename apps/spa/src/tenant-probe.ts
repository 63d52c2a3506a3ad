import type { AuthFailure } from './auth.ts';
import type { SpaConfig } from './config.ts';

export const TENANT_UNREACHABLE = 'tenant_unreachable';

/**
 * A stopped tenant answers nothing: the hidden iframe of the silent check then waits out its whole
 * timeout, and "Log in" leads to the browser's own error page. A plain request to the tenant's discovery
 * document fails at once instead (connection refused) or within this long (a host that drops packets).
 */
const PROBE_TIMEOUT_MS = 3000;

/**
 * Whether the tenant answers at all. `no-cors`: any answer counts, whatever its CORS headers, and nothing
 * of it is read. Resolves false on a network error or after the timeout; never rejects.
 */
export async function tenantAnswers(config: SpaConfig, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  try {
    const discovery = new URL('.well-known/openid-configuration', config.tenant.issuer);
    await fetch(discovery, {
      mode: 'no-cors',
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return true;
  } catch {
    return false;
  }
}

/** What is wrong and what to do about it, for the page's message. */
export function unreachableTenant(config: SpaConfig): AuthFailure {
  const origin = new URL(config.tenant.issuer).origin;
  const fix = config.tenant.local
    ? 'Is `pnpm dev` running? (Or start the tenant alone: `pnpm --filter ./apps/local-tenant start`.) Then click "Check session".'
    : 'Check AUTH0_DOMAIN in the root .env and your network connection, then click "Check session".';
  return { error: TENANT_UNREACHABLE, description: `The tenant at ${origin} does not answer. ${fix}` };
}
