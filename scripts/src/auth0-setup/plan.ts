import type { CurrentTenant, ExistingObject } from './current-state.ts';
import type { DesiredTenant, Fields } from './desired-state.ts';
import { diffFields, diffSet, type FieldChange } from './field-diff.ts';

export type Action = 'create' | 'update' | 'unchanged';

interface BaseStep {
  action: Action;
  /** What the step is about, for people: `role "Contacts reader"`. */
  label: string;
  /** Per field, what differs (for a creation: every field sent). */
  changes: FieldChange[];
}

/** Objects with fields: `desired` is the full body for a creation, `patch` what an update sends. */
interface ObjectStep extends BaseStep {
  id?: string | undefined;
  desired: Fields;
  patch: Fields;
}

/** Relations (a role's permissions, a user's roles): names to add and to remove. */
interface RelationStep extends BaseStep {
  add: string[];
  remove: string[];
  /** The names wanted, and the names this setup may remove: used to diff again after a 409. */
  target: string[];
  managed?: string[] | undefined;
}

export type Step =
  | (ObjectStep & { kind: 'resource-server' })
  | (ObjectStep & { kind: 'client'; app: 'spa' | 'm2m' })
  | (BaseStep & { kind: 'client-grant'; id?: string | undefined; scope: string[] })
  | (ObjectStep & { kind: 'role'; name: string })
  | (RelationStep & { kind: 'role-permissions'; role: string })
  | (BaseStep & { kind: 'connection-client'; connectionId: string; connection: string })
  | (ObjectStep & { kind: 'user'; email: string; password: string })
  | (RelationStep & { kind: 'user-roles'; email: string });

export function counts(steps: readonly Step[]): Record<Action, number> {
  const result: Record<Action, number> = { create: 0, update: 0, unchanged: 0 };
  for (const step of steps) result[step.action] += 1;
  return result;
}

export interface PlanOptions {
  withDemoUsers: boolean;
}

function objectAction(existing: ExistingObject | undefined, patch: Fields): Action {
  if (existing === undefined) return 'create';
  return Object.keys(patch).length > 0 ? 'update' : 'unchanged';
}

function objectStep(desired: Fields, existing: ExistingObject | undefined) {
  const { changes, patch } = diffFields(desired, existing?.fields);
  return { action: objectAction(existing, patch), id: existing?.id, desired, patch, changes };
}

function relationStep(
  field: string,
  desired: readonly string[],
  current: readonly string[] | undefined,
  managed?: readonly string[],
) {
  const { add, remove } = diffSet(desired, current ?? [], managed);
  const now = current ?? [];
  const action: Action = current === undefined ? 'create' : add.length + remove.length > 0 ? 'update' : 'unchanged';
  const to = [...now.filter((name) => !remove.includes(name)), ...add];
  const changes = action === 'unchanged' ? [] : [{ field, from: current, to }];
  return { action, add, remove, changes, target: [...desired], managed: managed && [...managed] };
}

/**
 * The steps that make the tenant match the tenant file, in the order they must run (an API before
 * the grant to it, roles before the users holding them). Pure: no I/O, so `--dry-run` prints
 * exactly what a real run would do.
 */
export function planSetup(desired: DesiredTenant, current: CurrentTenant, options: PlanOptions): Step[] {
  const api = `API "${desired.audience}"`;
  const steps: Step[] = [
    { kind: 'resource-server', label: api, ...objectStep(desired.resourceServer, current.resourceServer) },
    {
      kind: 'client',
      app: 'spa',
      label: `SPA application "${desired.spa.name}"`,
      ...objectStep(desired.spa, current.spa),
    },
    {
      kind: 'client',
      app: 'm2m',
      label: `M2M application "${desired.m2m.name}"`,
      ...objectStep(desired.m2m, current.m2m),
    },
  ];

  const grantScope = current.m2mGrant?.fields['scope'];
  const { action: grantAction, changes: grantChanges } = relationStep(
    'scope',
    desired.m2mGrantScope,
    current.m2mGrant === undefined ? undefined : Array.isArray(grantScope) ? grantScope.map(String) : [],
  );
  // Exactly the file's permissions: the M2M application must not get more than it was granted.
  steps.push({
    kind: 'client-grant',
    label: `grant of "${desired.m2m.name}" to ${api}`,
    id: current.m2mGrant?.id,
    scope: [...desired.m2mGrantScope],
    action: grantAction,
    changes: grantChanges,
  });

  for (const role of desired.roles) {
    const existing = current.roles.get(role.name);
    steps.push({ kind: 'role', name: role.name, label: `role "${role.name}"`, ...objectStep(role.fields, existing) });
    // Exactly the file's permissions on this API: they decide who may call which service.
    steps.push({
      kind: 'role-permissions',
      role: role.name,
      label: `permissions of role "${role.name}"`,
      ...relationStep('permissions', role.permissions, existing?.permissions),
    });
  }

  if (!options.withDemoUsers) return steps;

  const connection = current.connection;
  if (connection === undefined) throw new Error(`planSetup: the ${desired.connection} connection was not read`);
  const enabled = current.spa !== undefined && connection.enabledClientIds.includes(current.spa.id);
  steps.push({
    kind: 'connection-client',
    label: `connection "${desired.connection}" enabled for "${desired.spa.name}"`,
    connectionId: connection.id,
    connection: desired.connection,
    action: enabled ? 'unchanged' : 'update',
    changes: enabled ? [] : [{ field: 'enabled_clients', from: undefined, to: [desired.spa.name] }],
  });

  const fileRoles = desired.roles.map((role) => role.name);
  for (const user of desired.users) {
    const existing = current.users.get(user.email);
    const create = existing === undefined;
    const fields = create ? { ...user.fields, connection: desired.connection } : user.fields;
    steps.push({
      kind: 'user',
      email: user.email,
      password: user.password,
      label: `user ${user.email}`,
      ...objectStep(fields, existing),
    });
    // Roles the tenant file does not know are left alone; the file's roles are made exact.
    steps.push({
      kind: 'user-roles',
      email: user.email,
      label: `roles of user ${user.email}`,
      ...relationStep('roles', user.roles, existing?.roles, fileRoles),
    });
  }
  return steps;
}
