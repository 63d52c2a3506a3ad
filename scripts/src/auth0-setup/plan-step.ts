import type { Fields } from './desired-state.ts';
import type { FieldChange } from './field-diff.ts';

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
