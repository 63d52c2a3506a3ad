/**
 * What each user agreed to per application, kept apart from oidc-provider's grants: logging out
 * revokes the session's grants, but Auth0 remembers consent per user and app across sessions, so a
 * second login does not ask again. In memory: a restart asks once more.
 */
export interface RememberedConsent {
  oidcScopes: Set<string>;
  /** Per resource indicator: scopes granted and scopes refused by RBAC (so they are not asked again). */
  resources: Map<string, { granted: Set<string>; rejected: Set<string> }>;
}

export class ConsentStore {
  readonly #consents = new Map<string, RememberedConsent>();

  get(accountId: string, clientId: string): RememberedConsent | undefined {
    return this.#consents.get(`${accountId} ${clientId}`);
  }

  remember(accountId: string, clientId: string, oidcScopes: readonly string[], resources: Record<string, { granted: readonly string[]; rejected: readonly string[] }>): void {
    const key = `${accountId} ${clientId}`;
    const consent = this.#consents.get(key) ?? { oidcScopes: new Set<string>(), resources: new Map() };
    for (const scope of oidcScopes) consent.oidcScopes.add(scope);
    for (const [indicator, { granted, rejected }] of Object.entries(resources)) {
      const entry = consent.resources.get(indicator) ?? { granted: new Set<string>(), rejected: new Set<string>() };
      for (const scope of granted) entry.granted.add(scope);
      for (const scope of rejected) entry.rejected.add(scope);
      consent.resources.set(indicator, entry);
    }
    this.#consents.set(key, consent);
  }
}
