import { errors, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * Auth0's client grant for a client-credentials request: no `scope` asks for everything the grant
 * allows, and a scope outside it is refused with 403 `access_denied` naming it. oidc-provider would
 * drop such a scope silently and issue a token without it, leaving the caller to find out from a
 * service's 403. Called from `getResourceServerInfo`, the first hook oidc-provider runs after it has
 * authenticated the client, so an unauthenticated caller learns nothing about the grant.
 */
export function applyClientGrant(ctx: KoaContextWithOIDC, granted: readonly string[]): void {
  const params = ctx.oidc.params as { grant_type?: unknown; scope?: unknown } | undefined;
  if (ctx.oidc.route !== 'token' || !params || params.grant_type !== 'client_credentials') return;
  const requested = typeof params.scope === 'string' ? params.scope.split(' ').filter(Boolean) : [];
  if (requested.length === 0) {
    params.scope = granted.join(' ');
    return;
  }
  const missing = requested.filter((scope) => !granted.includes(scope));
  if (missing.length > 0) {
    const error = new errors.AccessDenied(`Client has not been granted scopes: ${missing.join(' ')}`);
    // Auth0 answers this refusal with 403, not OAuth's usual 400.
    Object.assign(error, { status: 403, statusCode: 403 });
    throw error;
  }
}
