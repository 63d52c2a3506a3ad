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

export function scopeHelp(): string {
  return [
    'Create it in the Auth0 Dashboard: Applications → Applications → Create Application → Machine to Machine,',
    'authorize it for the "Auth0 Management API" and tick these scopes:',
    `  ${SETUP_SCOPES.join(' ')}`,
    `  and, for --with-demo-users: ${DEMO_USER_SCOPES.join(' ')}`,
  ].join('\n');
}
