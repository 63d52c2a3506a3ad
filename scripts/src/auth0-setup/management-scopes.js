"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEMO_USER_SCOPES = exports.SETUP_SCOPES = void 0;
exports.scopeHelp = scopeHelp;
/**
 * The Management API scopes `pnpm auth0:setup` uses. They are granted to the machine-to-machine
 * application that runs it (Dashboard → Applications → APIs → Auth0 Management API → Machine to
 * Machine Applications), not to the Organizer M2M application.
 */
exports.SETUP_SCOPES = [
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
];
/** Needed only with --with-demo-users. */
exports.DEMO_USER_SCOPES = [
    'read:connections',
    'update:connections',
    'read:users',
    'create:users',
    'update:users',
    'read:role_members',
    'create:role_members',
    'delete:role_members',
];
function scopeHelp() {
    return [
        'Create it in the Auth0 Dashboard: Applications → Applications → Create Application → Machine to Machine,',
        'authorize it for the "Auth0 Management API" and tick these scopes:',
        "  ".concat(exports.SETUP_SCOPES.join(' ')),
        "  and, for --with-demo-users: ".concat(exports.DEMO_USER_SCOPES.join(' ')),
    ].join('\n');
}
