"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadAuth0SetupConfig = loadAuth0SetupConfig;
var node_path_1 = require("node:path");
var env_1 = require("@organizer/env");
var management_scopes_ts_1 = require("./management-scopes.ts");
function value(env, name) {
    var _a;
    var raw = (_a = env[name]) === null || _a === void 0 ? void 0 : _a.trim();
    return raw === undefined || raw === '' ? undefined : raw;
}
function readDomain(env) {
    var domain = value(env, 'AUTH0_DOMAIN');
    if (domain === undefined) {
        throw new env_1.ConfigError('AUTH0_DOMAIN', 'is not set, so there is no Auth0 tenant to set up', "Set it to your tenant's domain (Auth0 Dashboard → Settings → Domain), e.g. AUTH0_DOMAIN=your-tenant.eu.auth0.com, in .env or the environment.");
    }
    // The SDK builds https://<domain>/..., so a scheme, path or trailing slash would break every URL.
    if (!/^[a-z0-9.-]+(:\d+)?$/i.test(domain)) {
        throw new env_1.ConfigError('AUTH0_DOMAIN', "must be a bare host name (\"".concat(domain, "\")"), 'Write it without https:// and without a trailing slash, e.g. your-tenant.eu.auth0.com.');
    }
    return domain;
}
function readCredentials(env) {
    var token = value(env, 'AUTH0_MGMT_TOKEN');
    var clientId = value(env, 'AUTH0_MGMT_CLIENT_ID');
    var clientSecret = value(env, 'AUTH0_MGMT_CLIENT_SECRET');
    if (clientId !== undefined && clientSecret !== undefined)
        return { clientId: clientId, clientSecret: clientSecret };
    if (token !== undefined && clientId === undefined && clientSecret === undefined)
        return { token: token };
    var missing = [clientId === undefined && 'AUTH0_MGMT_CLIENT_ID', clientSecret === undefined && 'AUTH0_MGMT_CLIENT_SECRET']
        .filter(function (name) { return name !== false; })
        .join(' and ');
    throw new env_1.ConfigError(missing, "".concat(missing.includes(' and ') ? 'are' : 'is', " not set: pnpm auth0:setup needs Management API credentials"), "Set AUTH0_MGMT_CLIENT_ID and AUTH0_MGMT_CLIENT_SECRET to a machine-to-machine application of your tenant (or AUTH0_MGMT_TOKEN to a Management API token) in .env or the environment.\n".concat((0, management_scopes_ts_1.scopeHelp)()));
}
/** Parsed once at start-up; `env` defaults to the root .env merged under the process environment. */
function loadAuth0SetupConfig(env, envFile) {
    if (env === void 0) { env = (0, env_1.readEnv)(process.env); }
    if (envFile === void 0) { envFile = (0, node_path_1.join)((0, env_1.findRepoRoot)(), '.env'); }
    return { domain: readDomain(env), credentials: readCredentials(env), envFile: envFile };
}
