import { ConfigError } from '@organizer/auth/settings';
import { ManagementError, ManagementTimeoutError } from 'auth0';
import type { Action } from './plan.ts';

/** A problem the setup explains in its message; the entry prints it without a stack and exits 1. */
export class SetupError extends Error {
  override name = 'SetupError';
}

/** An API call that failed while applying one step; the cause is the SDK's error. */
export class StepError extends Error {
  override name = 'StepError';
  readonly label: string;
  readonly action: Action;
  override readonly cause: unknown;
  constructor(label: string, action: Action, cause: unknown) {
    super(`${action === 'create' ? 'creating' : 'updating'} ${label} failed`);
    this.label = label;
    this.action = action;
    this.cause = cause;
  }
}

/**
 * The Management API scopes `pnpm auth0:setup` uses. They are granted to the machine-to-machine
 * application that runs it (Dashboard → Applications → APIs → Auth0 Management API → Machine to
 * Machine Applications), not to the Organizer M2M application.
 */
export const SETUP_SCOPES = [
  'read:resource_servers',
  'create:resource_servers',
  'update:resource_servers',
  'read:clients',
  // Reads the Organizer M2M application's secret on later runs, so .env can be filled again.
  'read:client_keys',
  'create:clients',
  'update:clients',
  'read:client_grants',
  'create:client_grants',
  'update:client_grants',
  'read:roles',
  'create:roles',
  'update:roles',
] as const;

/** Needed only with --with-demo-users. */
export const DEMO_USER_SCOPES = [
  'read:connections',
  'update:connections',
  'read:users',
  'create:users',
  'update:users',
  'read:role_members',
  'create:role_members',
  'delete:role_members',
] as const;

/** How to create the Management API application, for a run that has no credentials. */
export function scopeHelp(): string {
  return [
    'Create it in the Auth0 Dashboard: Applications → Applications → Create Application → Machine to Machine,',
    'authorize it for the "Auth0 Management API" and tick these scopes:',
    `  ${SETUP_SCOPES.join(' ')}`,
    `  and, for --with-demo-users: ${DEMO_USER_SCOPES.join(' ')}`,
  ].join('\n');
}

const TOKEN_REQUEST = 'token request';
const CREDENTIALS = 'AUTH0_MGMT_CLIENT_ID / AUTH0_MGMT_CLIENT_SECRET (or AUTH0_MGMT_TOKEN)';

/** The reason Auth0 gave, from either error body shape (Management API or /oauth/token). */
function reason(body: unknown): string {
  if (typeof body === 'string') return body;
  if (typeof body !== 'object' || body === null) return '';
  const b = body as Record<string, unknown>;
  const code = b['errorCode'] ?? b['error'];
  const text = b['message'] ?? b['error_description'];
  return [code, text].filter((part) => typeof part === 'string' && part !== '').join(': ');
}

/** "fetch failed (connect ECONNREFUSED 127.0.0.1:1)": the message and the innermost cause's. */
function networkMessage(error: Error): string {
  let inner: unknown = error.cause;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  const detail = inner instanceof Error && inner.message !== error.message ? ` (${inner.message})` : '';
  return `${error.message}${detail}`;
}

function explainManagementError(error: ManagementError, doing: string, maxRetries: number): string {
  const status = error.statusCode;
  // The SDK reports a request that got no answer at all as a ManagementError without a status.
  if (status === undefined && error.cause instanceof Error)
    return `${doing}: ${networkMessage(error)}. Check AUTH0_DOMAIN and your network.`;
  const because = reason(error.body);
  const said = `Auth0 answered ${status ?? 'with an error'}${because ? ` (${because})` : ''}`;
  if (error.message.includes(TOKEN_REQUEST)) {
    if (status === 401 || status === 403) {
      return `Could not get a Management API token: ${said}. Check ${CREDENTIALS}, and that the application is authorized for the "Auth0 Management API" (Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications).`;
    }
    return `Could not get a Management API token: ${said}.`;
  }
  switch (status) {
    case 401:
      return `${doing}: ${said}. The Management API token was refused: check ${CREDENTIALS} and AUTH0_DOMAIN; a pasted AUTH0_MGMT_TOKEN may have expired.`;
    case 403:
      return `${doing}: ${said}. The Management API application lacks a scope. Grant it (Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications): ${SETUP_SCOPES.join(' ')}; with --with-demo-users also ${DEMO_USER_SCOPES.join(' ')}.`;
    case 429:
      return `${doing}: ${said}, still rate limited after ${maxRetries} retries. Wait a minute and run again (nothing already done is repeated).`;
    default:
      return `${doing}: ${said}.`;
  }
}

/** A readable one-paragraph message for anything a run can throw (no stack traces for users). */
export function explainError(error: unknown, maxRetries: number): string {
  if (error instanceof ConfigError || error instanceof SetupError) return error.message;
  const doing =
    error instanceof StepError ? error.message.replace(/^./, (c) => c.toUpperCase()) : 'Reading the tenant failed';
  const cause = error instanceof StepError ? error.cause : error;
  if (cause instanceof ManagementTimeoutError)
    return `${doing}: Auth0 did not answer in time. Check AUTH0_DOMAIN and your network, then run again.`;
  if (cause instanceof ManagementError) return explainManagementError(cause, doing, maxRetries);
  if (cause instanceof SetupError) return cause.message;
  return `${doing}: ${cause instanceof Error ? networkMessage(cause) : String(cause)}. Check AUTH0_DOMAIN and your network.`;
}
