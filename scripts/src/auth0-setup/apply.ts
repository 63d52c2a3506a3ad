import type { Management, ManagementClient } from 'auth0';
import {
  type CurrentTenant,
  findDatabaseUser,
  findGrant,
  findResourceServer,
  findRole,
  pick,
  readRolePermissions,
  readUserRoles,
} from './current-state.ts';
import type { DesiredTenant, Fields } from './desired-state.ts';
import { StepError } from './errors.ts';
import { diffFields, diffSet } from './field-diff.ts';
import type { Step } from './plan.ts';

/** What a run leaves behind for .env. */
export interface AppliedTenant {
  spaClientId?: string | undefined;
  m2mClientId?: string | undefined;
  m2mClientSecret?: string | undefined;
  /** Labels of creations answered 409 (someone created the object meanwhile) and updated instead. */
  recovered: string[];
}

function isConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 409;
}

/**
 * Applies the steps in order against the tenant. The desired fields are built with the Management
 * API's own names (desired-state.ts), hence the casts to the SDK's request types.
 */
export async function applyPlan(
  mgmt: ManagementClient,
  steps: readonly Step[],
  current: CurrentTenant,
  desired: DesiredTenant,
): Promise<AppliedTenant> {
  const audience = desired.audience;
  const clients = { spa: current.spa?.id, m2m: current.m2m?.id };
  const roleIds = new Map([...current.roles].map(([name, role]) => [name, role.id]));
  const userIds = new Map([...current.users].map(([email, user]) => [email, user.id]));
  const result: AppliedTenant = { m2mClientSecret: current.m2m?.clientSecret, recovered: [] };
  // Objects found on a 409: their relations were planned as empty, so they are read again.
  const recovered = new Set<string>();

  const need = (id: string | undefined, what: string): string => {
    if (id === undefined) throw new Error(`applyPlan: ${what} has no id (a step ran out of order)`);
    return id;
  };

  /** Creates; on 409 re-reads the object by its key and updates what differs. Returns its id. */
  async function createOrRecover(
    label: string,
    fields: Fields,
    create: () => Promise<string | undefined>,
    recover: () => Promise<{ id: string; fields: Fields } | undefined>,
    update: (id: string, patch: Fields) => Promise<unknown>,
  ): Promise<string | undefined> {
    try {
      return await create();
    } catch (error) {
      if (!isConflict(error)) throw error;
      const found = await recover();
      if (found === undefined) throw error;
      const { patch } = diffFields(fields, found.fields);
      if (Object.keys(patch).length > 0) await update(found.id, patch);
      result.recovered.push(label);
      recovered.add(label);
      return found.id;
    }
  }

  async function run(step: Step): Promise<void> {
    switch (step.kind) {
      case 'resource-server': {
        const update = (id: string, patch: Fields) =>
          mgmt.resourceServers.update(id, patch as Management.UpdateResourceServerRequestContent);
        if (step.action === 'update') await update(need(step.id, step.label), step.patch);
        if (step.action !== 'create') return;
        const create = async () =>
          (await mgmt.resourceServers.create(step.desired as unknown as Management.CreateResourceServerRequestContent))
            .id;
        await createOrRecover(
          step.label,
          step.desired,
          create,
          async () => {
            const found = await findResourceServer(mgmt, audience);
            return found?.id === undefined ? undefined : { id: found.id, fields: pick(found, step.desired) };
          },
          update,
        );
        return;
      }
      case 'client': {
        if (step.action === 'update')
          await mgmt.clients.update(need(step.id, step.label), step.patch as Management.UpdateClientRequestContent);
        if (step.action !== 'create') return;
        // Auth0 does not make names unique, so there is no conflict to recover from here.
        const created = await mgmt.clients.create(step.desired as unknown as Management.CreateClientRequestContent);
        clients[step.app] = created.client_id;
        if (step.app === 'm2m') result.m2mClientSecret = created.client_secret;
        return;
      }
      case 'client-grant': {
        const clientId = need(clients.m2m, 'the M2M application');
        const update = (id: string, patch: Fields) =>
          mgmt.clientGrants.update(id, patch as Management.UpdateClientGrantRequestContent);
        if (step.action === 'update') await update(need(step.id, step.label), { scope: step.scope });
        if (step.action !== 'create') return;
        const create = async () =>
          (await mgmt.clientGrants.create({ client_id: clientId, audience, scope: step.scope })).id;
        await createOrRecover(
          step.label,
          { scope: step.scope },
          create,
          async () => {
            const found = await findGrant(mgmt, audience, clientId);
            return found?.id === undefined ? undefined : { id: found.id, fields: { scope: found.scope ?? [] } };
          },
          update,
        );
        return;
      }
      case 'role': {
        const update = (id: string, patch: Fields) =>
          mgmt.roles.update(id, patch as Management.UpdateRoleRequestContent);
        if (step.action === 'update') await update(need(step.id, step.label), step.patch);
        if (step.action !== 'create') return;
        const create = async () =>
          (await mgmt.roles.create(step.desired as unknown as Management.CreateRoleRequestContent)).id;
        const id = await createOrRecover(
          step.label,
          step.desired,
          create,
          async () => {
            const found = await findRole(mgmt, step.name);
            return found?.id === undefined ? undefined : { id: found.id, fields: pick(found, step.desired) };
          },
          update,
        );
        roleIds.set(step.name, need(id, step.label));
        return;
      }
      case 'role-permissions': {
        const roleId = need(roleIds.get(step.role), `role "${step.role}"`);
        const { add, remove } = recovered.has(`role "${step.role}"`)
          ? diffSet(step.target, await readRolePermissions(mgmt, roleId, audience))
          : step;
        const permissions = (names: string[]) => ({
          permissions: names.map((name) => ({ resource_server_identifier: audience, permission_name: name })),
        });
        if (add.length > 0) await mgmt.roles.permissions.add(roleId, permissions(add));
        if (remove.length > 0) await mgmt.roles.permissions.delete(roleId, permissions(remove));
        return;
      }
      case 'connection-client':
        if (step.action === 'update')
          await mgmt.connections.clients.update(step.connectionId, [
            { client_id: need(clients.spa, 'the SPA application'), status: true },
          ]);
        return;
      case 'user': {
        const update = (id: string, patch: Fields) =>
          mgmt.users.update(id, patch as Management.UpdateUserRequestContent);
        if (step.action === 'update') await update(need(step.id, step.label), step.patch);
        if (step.action !== 'create') return;
        const body = { ...step.desired, password: step.password } as unknown as Management.CreateUserRequestContent;
        // The connection is where a user is created, not a field an update may change.
        const { connection: _connection, ...fields } = step.desired;
        const id = await createOrRecover(
          step.label,
          fields,
          async () => (await mgmt.users.create(body)).user_id,
          async () => {
            const found = await findDatabaseUser(mgmt, step.email, desired.connection);
            return found?.user_id === undefined ? undefined : { id: found.user_id, fields: pick(found, fields) };
          },
          update,
        );
        userIds.set(step.email, need(id, step.label));
        return;
      }
      case 'user-roles': {
        const userId = need(userIds.get(step.email), `user ${step.email}`);
        const { add, remove } = recovered.has(`user ${step.email}`)
          ? diffSet(step.target, await readUserRoles(mgmt, userId), step.managed)
          : step;
        const ids = (names: string[]) => ({ roles: names.map((name) => need(roleIds.get(name), `role "${name}"`)) });
        if (add.length > 0) await mgmt.users.roles.assign(userId, ids(add));
        if (remove.length > 0) await mgmt.users.roles.delete(userId, ids(remove));
        return;
      }
    }
  }

  for (const step of steps) {
    try {
      await run(step);
    } catch (error) {
      throw new StepError(step.label, step.action, error);
    }
  }
  return { ...result, spaClientId: clients.spa, m2mClientId: clients.m2m };
}
