import type { Account } from './accounts.ts';

export interface ScopeDecision {
  /** Requested scopes the user's roles allow: shown on the consent page and put in the token. */
  granted: string[];
  /** Requested scopes no role of the user allows: never in the token (Auth0 with RBAC enabled). */
  rejected: string[];
}

export function decideScopes(requested: Iterable<string>, account: Pick<Account, 'permissions'>): ScopeDecision {
  const granted: string[] = [];
  const rejected: string[] = [];
  for (const scope of new Set(requested)) (account.permissions.has(scope) ? granted : rejected).push(scope);
  return { granted, rejected };
}
