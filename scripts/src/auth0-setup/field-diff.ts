import type { Fields } from './desired-state.ts';

export interface FieldChange {
  /** `callbacks`, or `refresh_token.leeway` for one key of a settings object. */
  field: string;
  /** undefined when the object does not exist yet. */
  from: unknown;
  to: unknown;
}

/**
 * Lists a tenant owner may have extended on purpose (say, production callback URLs or another
 * permission): entries missing from the tenant are added, extra ones are kept. Everything else
 * must equal the tenant file.
 */
const ADDITIVE_LISTS = new Set([
  'callbacks',
  'allowed_logout_urls',
  'web_origins',
  'allowed_origins',
  'grant_types',
  'scopes',
]);

interface Scope {
  value: string;
  description?: string;
}

function mergeScopes(desired: readonly Scope[], current: readonly Scope[]): Scope[] {
  const wanted = new Set(desired.map((s) => s.value));
  return [...desired, ...current.filter((s) => !wanted.has(s.value))];
}

function mergeStrings(desired: readonly string[], current: readonly string[]): string[] {
  return [...current, ...desired.filter((value) => !current.includes(value))];
}

function sameScopes(a: readonly Scope[], b: readonly Scope[]): boolean {
  const key = (list: readonly Scope[]) =>
    JSON.stringify([...list].map((s) => [s.value, s.description ?? '']).sort((x, y) => x[0]!.localeCompare(y[0]!)));
  return key(a) === key(b);
}

function sameStringSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

function isScopeList(value: unknown): value is Scope[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'object' && s !== null && 'value' in s);
}

function isSettings(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The value a field should get, given what the tenant has now. */
function targetValue(field: string, desired: unknown, current: unknown): unknown {
  if (!ADDITIVE_LISTS.has(field) || current === undefined || current === null) return desired;
  if (isScopeList(desired)) return mergeScopes(desired, isScopeList(current) ? current : []);
  return mergeStrings(asStrings(desired), asStrings(current));
}

function equal(a: unknown, b: unknown): boolean {
  if (isScopeList(a) && isScopeList(b)) return sameScopes(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return sameStringSet(asStrings(a), asStrings(b));
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A settings object (the SPA's `refresh_token`) is compared key by key: Auth0 answers with its own
 * key order and keys of its own, and keys the file does not set stay as the tenant has them. An
 * update sends the whole object (the tenant's keys under the file's), so it cannot drop any.
 */
function diffSettings(
  field: string,
  wanted: Record<string, unknown>,
  now: unknown,
  exists: boolean,
): { changes: FieldChange[]; to: unknown } {
  const before = isSettings(now) ? now : {};
  const keys = Object.keys(wanted).filter((key) => !exists || !equal(wanted[key], before[key]));
  const changes = keys.map((key) => ({
    field: `${field}.${key}`,
    from: exists ? before[key] : undefined,
    to: wanted[key],
  }));
  return { changes, to: exists ? { ...before, ...wanted } : wanted };
}

/**
 * Compares the managed fields of one object. `patch` holds only the fields to send: all of them
 * for an object that does not exist, else the ones that differ.
 */
export function diffFields(desired: Fields, current: Fields | undefined): { changes: FieldChange[]; patch: Fields } {
  const changes: FieldChange[] = [];
  const patch: Fields = {};
  for (const [field, wanted] of Object.entries(desired)) {
    const now = current?.[field];
    if (isSettings(wanted)) {
      const settings = diffSettings(field, wanted, now, current !== undefined);
      if (settings.changes.length === 0) continue;
      changes.push(...settings.changes);
      patch[field] = settings.to;
      continue;
    }
    const to = current === undefined ? wanted : targetValue(field, wanted, now);
    if (current !== undefined && equal(to, now)) continue;
    changes.push({ field, from: now, to });
    patch[field] = to;
  }
  return { changes, patch };
}

/** Names to add and to remove so that `current` holds exactly `desired` (within `managed`). */
export function diffSet(
  desired: readonly string[],
  current: readonly string[],
  managed: readonly string[] = [...desired, ...current],
): { add: string[]; remove: string[] } {
  return {
    add: desired.filter((name) => !current.includes(name)),
    remove: current.filter((name) => managed.includes(name) && !desired.includes(name)),
  };
}
