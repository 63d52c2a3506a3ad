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
exports.USAGE = void 0;
exports.parseSetupArgs = parseSetupArgs;
var node_util_1 = require("node:util");
var setup_error_ts_1 = require("./setup-error.ts");
exports.USAGE = "Usage: pnpm auth0:setup [--dry-run] [--with-demo-users] [--force-env]\n\nApplies apps/local-tenant/tenant.config.ts to the Auth0 tenant AUTH0_DOMAIN through the Management API,\nthen writes AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_AUDIENCE, AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET to .env.\n\n  --dry-run          print the plan (create / update / unchanged, with the fields that differ); change nothing\n  --with-demo-users  also create the demo users in Username-Password-Authentication, give them their roles,\n                     and enable that connection for the SPA\n  --force-env        replace values in .env that differ from the tenant's (default: keep them and report)\n  --help             show this text\n\nCredentials: AUTH0_MGMT_CLIENT_ID and AUTH0_MGMT_CLIENT_SECRET (or AUTH0_MGMT_TOKEN), see .env.example.";
function parseSetupArgs(argv) {
    try {
        var values = (0, node_util_1.parseArgs)({
            // `pnpm auth0:setup -- --dry-run` passes the separator through; it means nothing here.
            args: argv[0] === '--' ? argv.slice(1) : __spreadArray([], argv, true),
            strict: true,
            allowPositionals: false,
            options: {
                'dry-run': { type: 'boolean', default: false },
                'with-demo-users': { type: 'boolean', default: false },
                'force-env': { type: 'boolean', default: false },
                help: { type: 'boolean', short: 'h', default: false },
            },
        }).values;
        return { dryRun: values['dry-run'], withDemoUsers: values['with-demo-users'], forceEnv: values['force-env'], help: values.help };
    }
    catch (error) {
        throw new setup_error_ts_1.SetupError("".concat(error instanceof Error ? error.message : String(error), "\n\n").concat(exports.USAGE));
    }
}
