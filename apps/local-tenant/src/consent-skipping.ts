import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AccountStore } from './accounts.ts';
import type { RememberedConsent } from './consent-store.ts';
import { decideScopes } from './rbac.ts';

/**
 * Auth0's "Allow Skipping User Consent": the tenant's own (first-party) applications get what the
 * user's roles allow without showing the consent page. Auth0 never skips it for apps on localhost,
 * which is why the sample tenant keeps it off.
 */
export function consentSkipper(apiIndicator: string, apiScopes: readonly string[], accounts: AccountStore) {
  return (ctx: KoaContextWithOIDC, accountId: string): RememberedConsent | undefined => {
    const account = accounts.findById(accountId);
    if (!account) return undefined;
    const requestedApiScopes = [...ctx.oidc.requestParamScopes].filter((scope) => apiScopes.includes(scope));
    const { granted, rejected } = decideScopes(requestedApiScopes, account);
    return {
      oidcScopes: new Set(ctx.oidc.requestParamOIDCScopes),
      resources: new Map([[apiIndicator, { granted: new Set(granted), rejected: new Set(rejected) }]]),
    };
  };
}
