import type { CurrentTenant } from './current-state.ts';

/**
 * The state a dry run without credentials plans against: nothing exists yet (the database
 * connection aside, which every Auth0 tenant has).
 */
export const EMPTY_TENANT: CurrentTenant = {
  roles: new Map(),
  users: new Map(),
  connection: { id: '(not read)', enabledClientIds: [] },
};
