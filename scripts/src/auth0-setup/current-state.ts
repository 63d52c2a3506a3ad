import type { Fields } from './desired-state.ts';

/** An object that exists in the tenant: its id and the fields the setup manages. */
export interface ExistingObject {
  id: string;
  fields: Fields;
}

export interface ExistingClient extends ExistingObject {
  /** Only readable with the read:client_keys scope. */
  clientSecret?: string | undefined;
}

export interface ExistingRole extends ExistingObject {
  /** Permission names this role holds on the API (permissions on other APIs are not listed). */
  permissions: string[];
}

export interface ExistingUser extends ExistingObject {
  /** Names of the roles the user has. */
  roles: string[];
}

/** What the tenant holds now, as far as the tenant file is concerned. Keys are the stable ones. */
export interface CurrentTenant {
  resourceServer?: ExistingObject | undefined;
  spa?: ExistingClient | undefined;
  m2m?: ExistingClient | undefined;
  /** The M2M application's grant to the API; fields: { scope }. */
  m2mGrant?: ExistingObject | undefined;
  /** By role name. */
  roles: ReadonlyMap<string, ExistingRole>;
  /** Read only with --with-demo-users. */
  connection?: { id: string; enabledClientIds: readonly string[] } | undefined;
  /** By lower-case email; read only with --with-demo-users. */
  users: ReadonlyMap<string, ExistingUser>;
}
