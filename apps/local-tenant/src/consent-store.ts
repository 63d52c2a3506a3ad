/**
 * What each user agreed to per application, kept apart from oidc-provider's grants: logging out
 * revokes the session's grants, but Auth0 remembers consent per user and app across sessions, so a
 * second login does not ask again. The user can revoke it (src/consent-management.ts), as Auth0 lets
 * a user's application grant be revoked. In memory: a restart asks once more.
 */
export interface RememberedConsent {
  oidcScopes: Set<string>;
  /** Per resource indicator: scopes granted and scopes refused by RBAC (so they are not asked again). */
  resources: Map<string, { granted: Set<string>; rejected: Set<string> }>;
}

interface Entry {
  consent?: RememberedConsent;
  /** The oidc-provider grants made from this consent, in any session: revoking the consent revokes them. */
  grantIds: Set<string>;
}

export class ConsentStore {
  /** account ID → client ID → entry. */
  readonly #entries = new Map<string, Map<string, Entry>>();

  #entry(accountId: string, clientId: string): Entry {
    const perClient = this.#entries.get(accountId) ?? new Map<string, Entry>();
    this.#entries.set(accountId, perClient);
    const entry = perClient.get(clientId) ?? { grantIds: new Set<string>() };
    perClient.set(clientId, entry);
    return entry;
  }

  get(accountId: string, clientId: string): RememberedConsent | undefined {
    return this.#entries.get(accountId)?.get(clientId)?.consent;
  }

  /** Every application this user has consented to, with what they allowed. */
  listFor(accountId: string): Array<[clientId: string, consent: RememberedConsent]> {
    return [...(this.#entries.get(accountId) ?? [])].flatMap(([clientId, { consent }]) =>
      consent ? [[clientId, consent] as [string, RememberedConsent]] : [],
    );
  }

  remember(
    accountId: string,
    clientId: string,
    oidcScopes: readonly string[],
    resources: Record<string, { granted: readonly string[]; rejected: readonly string[] }>,
  ): void {
    const entry = this.#entry(accountId, clientId);
    const consent = entry.consent ?? { oidcScopes: new Set<string>(), resources: new Map() };
    for (const scope of oidcScopes) consent.oidcScopes.add(scope);
    for (const [indicator, { granted, rejected }] of Object.entries(resources)) {
      const scopes = consent.resources.get(indicator) ?? { granted: new Set<string>(), rejected: new Set<string>() };
      for (const scope of granted) scopes.granted.add(scope);
      for (const scope of rejected) scopes.rejected.add(scope);
      consent.resources.set(indicator, scopes);
    }
    entry.consent = consent;
  }

  trackGrant(accountId: string, clientId: string, grantId: string): void {
    this.#entry(accountId, clientId).grantIds.add(grantId);
  }

  /** Forgets the consent and returns the IDs of the grants made from it, for the caller to revoke. */
  forget(accountId: string, clientId: string): string[] {
    const perClient = this.#entries.get(accountId);
    const grantIds = [...(perClient?.get(clientId)?.grantIds ?? [])];
    perClient?.delete(clientId);
    if (perClient?.size === 0) this.#entries.delete(accountId);
    return grantIds;
  }
}
