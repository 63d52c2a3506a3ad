/** What a run prints: the plan, the result and the .env changes, never a secret in full. */
import type { AppliedTenant } from './apply.ts';
import type { EnvEntry } from './env-file.ts';
import type { FieldChange } from './field-diff.ts';
import { type Action, counts, type Step } from './plan.ts';

/** Enough of a secret to recognise it, never all of it. */
function maskSecret(secret: string): string {
  return secret.length <= 8 ? '********' : `${secret.slice(0, 4)}…(${secret.length} characters)`;
}

/** Fields and variables whose values are never printed (client_secret, password, AUTH0_MGMT_TOKEN…). */
function isSecretField(name: string): boolean {
  return /secret|password|(^|_)token$/i.test(name);
}

const MARK: Record<Action, string> = { create: '+ create   ', update: '~ update   ', unchanged: '= unchanged' };

function show(field: string, value: unknown): string {
  if (value === undefined) return '(none)';
  return isSecretField(field) ? '(hidden)' : JSON.stringify(value);
}

function changeLine(step: Step, change: FieldChange): string {
  if (step.action === 'create') return `      ${change.field}: ${show(change.field, change.to)}`;
  return `      ${change.field}: ${show(change.field, change.from)} → ${show(change.field, change.to)}`;
}

/** One line per step, and under each creation or update the fields it sets. */
export function formatPlan(steps: readonly Step[], domain: string): string[] {
  const lines = [`Plan for ${domain} (from apps/local-tenant/tenant.config.ts):`];
  for (const step of steps) {
    lines.push(`  ${MARK[step.action]}  ${step.label}`);
    for (const change of step.changes) lines.push(changeLine(step, change));
    if (step.kind === 'user' && step.action === 'create') lines.push('      password: (hidden, from tenant.config.ts)');
  }
  return lines;
}

export function formatCounts(steps: readonly Step[]): string {
  const { create, update, unchanged } = counts(steps);
  return `${create} to create, ${update} to update, ${unchanged} unchanged`;
}

export function isNoop(steps: readonly Step[]): boolean {
  return steps.every((step) => step.action === 'unchanged');
}

export function formatApplied(steps: readonly Step[], applied: AppliedTenant): string[] {
  const { create, update, unchanged } = counts(steps);
  const lines = [`Done: ${create} created, ${update} updated, ${unchanged} unchanged.`];
  for (const label of applied.recovered)
    lines.push(`  ${label} already existed (409 Conflict): it was read again and updated instead.`);
  return lines;
}

const ENV_WORDS: Record<EnvEntry['status'], string> = {
  added: 'added',
  filled: 'set (was empty)',
  unchanged: 'unchanged',
  kept: 'KEPT your different value',
  replaced: 'replaced (--force-env)',
};

export function formatEnv(file: string, entries: readonly EnvEntry[]): string[] {
  const value = (name: string, v: string | undefined) =>
    v === undefined ? '' : isSecretField(name) ? maskSecret(v) : v;
  if (entries.every((entry) => entry.status === 'unchanged')) return [`${file}: nothing to change.`];
  const lines = [`${file}:`];
  for (const entry of entries) {
    const was =
      entry.previous === undefined || entry.previous === '' ? '' : ` (was ${value(entry.name, entry.previous)})`;
    const tenant = entry.status === 'kept' ? `; the tenant's value is ${value(entry.name, entry.value)}` : '';
    const shown = value(entry.name, entry.status === 'kept' ? entry.previous : entry.value);
    lines.push(`  ${entry.name}=${shown}  ${ENV_WORDS[entry.status]}${entry.status === 'kept' ? tenant : was}`);
  }
  if (entries.some((entry) => entry.status === 'kept'))
    lines.push('  Run again with --force-env to replace the kept values, or edit .env yourself.');
  return lines;
}
