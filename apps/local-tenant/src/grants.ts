import type { Grant, KoaContextWithOIDC } from 'oidc-provider';
import type { ConsentStore, RememberedConsent } from './consent-store.ts';

/** Copies remembered consent into a grant: granted scopes, and scopes RBAC refused (so they are not asked again). */
export function applyConsent(grant: Grant, consent: RememberedConsent): void {
  if (consent.oidcScopes.size) grant.addOIDCScope([...consent.oidcScopes].join(' '));
  for (const [indicator, { granted, rejected }] of consent.resources) {
    if (granted.size) grant.addResourceScope(indicator, [...granted].join(' '));
    if (rejected.size) grant.rejectResourceScope(indicator, [...rejected].join(' '));
  }
}

/**
 * oidc-provider's `loadExistingGrant`: the session's grant when there is one, else a new grant built
 * from the consent this user already gave this app (Auth0 remembers it across logouts) or from
 * `skippedConsent` (the API allows skipping consent), else none, which makes the consent prompt appear.
 */
export function grantLoader(
  consents: ConsentStore,
  skippedConsent?: (ctx: KoaContextWithOIDC, accountId: string) => RememberedConsent | undefined,
) {
  return async function loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
    const { client, session, account, provider } = ctx.oidc;
    if (!client || !session || !account) return undefined;
    const grantId =
      (ctx.oidc.result?.consent as { grantId?: string } | undefined)?.grantId ?? session.grantIdFor(client.clientId);
    if (grantId) {
      const grant = await provider.Grant.find(grantId);
      if (grant) return grant;
    }
    const remembered = consents.get(account.accountId, client.clientId) ?? skippedConsent?.(ctx, account.accountId);
    if (!remembered) return undefined;
    const grant = new provider.Grant({ accountId: account.accountId, clientId: client.clientId });
    applyConsent(grant, remembered);
    consents.trackGrant(account.accountId, client.clientId, await grant.save());
    return grant;
  };
}
