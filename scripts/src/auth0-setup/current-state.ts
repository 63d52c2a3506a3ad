import type { ManagementClient } from 'auth0';
import type { DesiredTenant, Fields } from './desired-state.ts';
import { SetupError } from './errors.ts';

/** An object that exists in the tenant: its id and the fields the setup manages. */
export interface ExistingObject {
  id: string;
  fields: Fields;
}

/** What the tenant holds now, as far as the tenant file is concerned. Keys are the stable ones. */
export interface CurrentTenant {
  resourceServer?: ExistingObject | undefined;
  /** clientSecret is only readable with the read:client_keys scope. */
  spa?: (ExistingObject & { clientSecret?: string | undefined }) | undefined;
  m2m?: (ExistingObject & { clientSecret?: string | undefined }) | undefined;
  /** The M2M application's grant to the API; fields: { scope }. */
  m2mGrant?: ExistingObject | undefined;
  /** By role name; permissions: the names this role holds on the API (other APIs' are not listed). */
  roles: ReadonlyMap<string, ExistingObject & { permissions: string[] }>;
  /** Read only with --with-demo-users. */
  connection?: { id: string; enabledClientIds: readonly string[] } | undefined;
  /** By lower-case email, with the names of the user's roles; read only with --with-demo-users. */
  users: ReadonlyMap<string, ExistingObject & { roles: string[] }>;
}

/**
 * The state a dry run without credentials plans against: nothing exists yet (the database
 * connection aside, which every Auth0 tenant has).
 */
export const EMPTY_TENANT: CurrentTenant = {
  roles: new Map(),
  users: new Map(),
  connection: { id: '(not read)', enabledClientIds: [] },
};

/** Every item of a paginated list (the SDK fetches further pages while a page comes back full). */
async function listAll<T>(page: Promise<AsyncIterable<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of await page) items.push(item);
  return items;
}

/** The managed fields of an object as the tenant has them. */
export function pick(source: object, desired: Fields): Fields {
  const record = source as Record<string, unknown>;
  return Object.fromEntries(Object.keys(desired).map((key) => [key, record[key]]));
}

/** At most one object may carry a stable key; two would make "which one to update" a guess. */
function single<T>(matches: T[], what: string): T | undefined {
  if (matches.length > 1) {
    throw new SetupError(
      `${matches.length} ${what} exist in the tenant. Delete or rename the extra ones, then run again.`,
    );
  }
  return matches[0];
}

export async function findResourceServer(mgmt: ManagementClient, audience: string) {
  const servers = await listAll(mgmt.resourceServers.list({ identifiers: [audience], per_page: 100 }));
  return servers.find((server) => server.identifier === audience);
}

export async function findRole(mgmt: ManagementClient, name: string) {
  const roles = await listAll(mgmt.roles.list({ name_filter: name, per_page: 100 }));
  return single(
    roles.filter((role) => role.name === name),
    `roles named "${name}"`,
  );
}

export async function findGrant(mgmt: ManagementClient, audience: string, clientId: string) {
  const grants = await listAll(mgmt.clientGrants.list({ audience, client_id: clientId }));
  return grants.find((grant) => grant.audience === audience && grant.client_id === clientId);
}

export async function findDatabaseUser(mgmt: ManagementClient, email: string, connection: string) {
  const users = await mgmt.users.listUsersByEmail({ email });
  return single(
    users.filter((user) => user.identities?.some((identity) => identity.connection === connection)),
    `users with the email ${email} in ${connection}`,
  );
}

export async function readRolePermissions(mgmt: ManagementClient, roleId: string, audience: string): Promise<string[]> {
  const permissions = await listAll(mgmt.roles.permissions.list(roleId, { per_page: 100 }));
  return permissions.filter((p) => p.resource_server_identifier === audience).map((p) => p.permission_name ?? '');
}

/** Names of the user's roles. */
export async function readUserRoles(mgmt: ManagementClient, userId: string): Promise<string[]> {
  const roles = await listAll(mgmt.users.roles.list(userId, { per_page: 100 }));
  return roles.map((role) => role.name ?? '');
}

async function readConnection(mgmt: ManagementClient, name: string) {
  const connections = await listAll(mgmt.connections.list({ name }));
  const connection = connections.find((c) => c.name === name);
  if (connection?.id === undefined) {
    throw new SetupError(
      `The ${name} database connection does not exist, so the demo users have nowhere to live. Create it (Authentication → Database → Create DB Connection, named ${name}) or run without --with-demo-users.`,
    );
  }
  const clients = await listAll(mgmt.connections.clients.get(connection.id));
  return { id: connection.id, enabledClientIds: clients.map((client) => client.client_id) };
}

/** Reads what the tenant file manages, by stable keys: API identifier, application and role names, user email. */
export async function readCurrentState(
  mgmt: ManagementClient,
  desired: DesiredTenant,
  withDemoUsers: boolean,
): Promise<CurrentTenant> {
  const server = await findResourceServer(mgmt, desired.audience);
  const clients = await listAll(mgmt.clients.list({ per_page: 100 }));
  const client = (fields: Fields & { name: string }, kind: string) => {
    const found = single(
      clients.filter((c) => c.name === fields.name),
      `applications named "${fields.name}" (${kind})`,
    );
    return found?.client_id === undefined
      ? undefined
      : { id: found.client_id, fields: pick(found, fields), clientSecret: found.client_secret };
  };
  const spa = client(desired.spa, 'SPA');
  const m2m = client(desired.m2m, 'M2M');
  const grant = m2m === undefined ? undefined : await findGrant(mgmt, desired.audience, m2m.id);

  const allRoles = await listAll(mgmt.roles.list({ per_page: 100 }));
  const roles = new Map<string, ExistingObject & { permissions: string[] }>();
  for (const role of desired.roles) {
    const found = single(
      allRoles.filter((r) => r.name === role.name),
      `roles named "${role.name}"`,
    );
    if (found?.id === undefined) continue;
    roles.set(role.name, {
      id: found.id,
      fields: pick(found, role.fields),
      permissions: await readRolePermissions(mgmt, found.id, desired.audience),
    });
  }

  const connection = withDemoUsers ? await readConnection(mgmt, desired.connection) : undefined;
  const users = new Map<string, ExistingObject & { roles: string[] }>();
  for (const user of withDemoUsers ? desired.users : []) {
    const found = await findDatabaseUser(mgmt, user.email, desired.connection);
    if (found?.user_id === undefined) continue;
    users.set(user.email, {
      id: found.user_id,
      fields: pick(found, user.fields),
      roles: await readUserRoles(mgmt, found.user_id),
    });
  }

  return {
    resourceServer:
      server?.id === undefined ? undefined : { id: server.id, fields: pick(server, desired.resourceServer) },
    spa,
    m2m,
    m2mGrant: grant?.id === undefined ? undefined : { id: grant.id, fields: { scope: grant.scope ?? [] } },
    roles,
    connection,
    users,
  };
}
