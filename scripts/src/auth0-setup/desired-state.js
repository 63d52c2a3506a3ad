"use strict";
var __spreadArray = (this && this.__spreadArray) || function (to, from, pack) {
    if (pack || arguments.length === 2) for (var i = 0, l = from.length, ar; i < l; i++) {
        if (ar || !(i in from)) {
            if (!ar) ar = Array.prototype.slice.call(from, 0, i);
            ar[i] = from[i];
        }
    }
    return to.concat(ar || Array.prototype.slice.call(from));
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEMO_CONNECTION = void 0;
exports.desiredTenant = desiredTenant;
/** The database connection Auth0 creates in every tenant; the demo users live there. */
exports.DEMO_CONNECTION = 'Username-Password-Authentication';
function desiredTenant(tenant) {
    var api = tenant.api, applications = tenant.applications;
    return {
        audience: api.identifier,
        resourceServer: {
            identifier: api.identifier,
            name: api.name,
            signing_alg: api.signingAlgorithm,
            token_lifetime: api.tokenLifetimeSeconds,
            scopes: api.permissions.map(function (p) { return ({ value: p.value, description: p.description }); }),
            // RBAC: a token carries only the permissions the user's roles (or the client grant) allow.
            enforce_policies: true,
            // Adds the `permissions` claim beside `scope`, so both views of RBAC are in the token.
            token_dialect: 'access_token_authz',
            skip_consent_for_verifiable_first_party_clients: api.allowSkippingUserConsent,
        },
        spa: {
            name: applications.spa.name,
            app_type: 'spa',
            // implicit is what the sample's SPA uses (the guide's flow); authorization_code lets the same
            // application move to code + PKCE without touching the tenant again.
            grant_types: ['implicit', 'authorization_code'],
            token_endpoint_auth_method: 'none',
            oidc_conformant: true,
            callbacks: __spreadArray([], applications.spa.callbackUrls, true),
            allowed_logout_urls: __spreadArray([], applications.spa.logoutUrls, true),
            web_origins: __spreadArray([], applications.spa.webOrigins, true),
            allowed_origins: __spreadArray([], applications.spa.webOrigins, true),
        },
        m2m: {
            name: applications.m2m.name,
            app_type: 'non_interactive',
            grant_types: ['client_credentials'],
            token_endpoint_auth_method: 'client_secret_post',
            oidc_conformant: true,
        },
        m2mGrantScope: __spreadArray([], applications.m2m.grantedPermissions, true),
        roles: tenant.roles.map(function (role) { return ({
            name: role.name,
            fields: { name: role.name, description: role.description },
            permissions: __spreadArray([], role.permissions, true),
        }); }),
        users: tenant.users.map(function (user) { return ({
            email: user.email.toLowerCase(),
            fields: { email: user.email.toLowerCase(), name: user.name, email_verified: true },
            password: user.password,
            roles: __spreadArray([], user.roles, true),
        }); }),
        connection: exports.DEMO_CONNECTION,
    };
}
