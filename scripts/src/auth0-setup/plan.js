"use strict";
var __assign = (this && this.__assign) || function () {
    __assign = Object.assign || function(t) {
        for (var s, i = 1, n = arguments.length; i < n; i++) {
            s = arguments[i];
            for (var p in s) if (Object.prototype.hasOwnProperty.call(s, p))
                t[p] = s[p];
        }
        return t;
    };
    return __assign.apply(this, arguments);
};
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
exports.planSetup = planSetup;
var field_diff_ts_1 = require("./field-diff.ts");
function objectAction(existing, patch) {
    if (existing === undefined)
        return 'create';
    return Object.keys(patch).length > 0 ? 'update' : 'unchanged';
}
function objectStep(desired, existing) {
    var _a = (0, field_diff_ts_1.diffFields)(desired, existing === null || existing === void 0 ? void 0 : existing.fields), changes = _a.changes, patch = _a.patch;
    return { action: objectAction(existing, patch), id: existing === null || existing === void 0 ? void 0 : existing.id, desired: desired, patch: patch, changes: changes };
}
function relationStep(field, desired, current, managed) {
    var _a = (0, field_diff_ts_1.diffSet)(desired, current !== null && current !== void 0 ? current : [], managed), add = _a.add, remove = _a.remove;
    var now = current !== null && current !== void 0 ? current : [];
    var action = current === undefined ? 'create' : add.length + remove.length > 0 ? 'update' : 'unchanged';
    var to = __spreadArray(__spreadArray([], now.filter(function (name) { return !remove.includes(name); }), true), add, true);
    var changes = action === 'unchanged' ? [] : [{ field: field, from: current, to: to }];
    return { action: action, add: add, remove: remove, changes: changes };
}
/**
 * The steps that make the tenant match the tenant file, in the order they must run (an API before
 * the grant to it, roles before the users holding them). Pure: no I/O, so `--dry-run` prints
 * exactly what a real run would do.
 */
function planSetup(desired, current, options) {
    var _a, _b;
    var api = "API \"".concat(desired.audience, "\"");
    var steps = [
        __assign({ kind: 'resource-server', label: api }, objectStep(desired.resourceServer, current.resourceServer)),
        __assign({ kind: 'client', app: 'spa', label: "SPA application \"".concat(desired.spa.name, "\"") }, objectStep(desired.spa, current.spa)),
        __assign({ kind: 'client', app: 'm2m', label: "M2M application \"".concat(desired.m2m.name, "\"") }, objectStep(desired.m2m, current.m2m)),
    ];
    var grantScope = (_a = current.m2mGrant) === null || _a === void 0 ? void 0 : _a.fields['scope'];
    var _c = relationStep('scope', desired.m2mGrantScope, current.m2mGrant === undefined ? undefined : Array.isArray(grantScope) ? grantScope.map(String) : []), grantAction = _c.action, grantChanges = _c.changes;
    // Exactly the file's permissions: the M2M application must not get more than it was granted.
    steps.push({
        kind: 'client-grant',
        label: "grant of \"".concat(desired.m2m.name, "\" to ").concat(api),
        id: (_b = current.m2mGrant) === null || _b === void 0 ? void 0 : _b.id,
        scope: __spreadArray([], desired.m2mGrantScope, true),
        action: grantAction,
        changes: grantChanges,
    });
    for (var _i = 0, _d = desired.roles; _i < _d.length; _i++) {
        var role = _d[_i];
        var existing = current.roles.get(role.name);
        steps.push(__assign({ kind: 'role', name: role.name, label: "role \"".concat(role.name, "\"") }, objectStep(role.fields, existing)));
        // Exactly the file's permissions on this API: they decide who may call which service.
        steps.push(__assign({ kind: 'role-permissions', role: role.name, label: "permissions of role \"".concat(role.name, "\"") }, relationStep('permissions', role.permissions, existing === null || existing === void 0 ? void 0 : existing.permissions)));
    }
    if (!options.withDemoUsers)
        return steps;
    var connection = current.connection;
    if (connection === undefined)
        throw new Error("planSetup: the ".concat(desired.connection, " connection was not read"));
    var enabled = current.spa !== undefined && connection.enabledClientIds.includes(current.spa.id);
    steps.push({
        kind: 'connection-client',
        label: "connection \"".concat(desired.connection, "\" enabled for \"").concat(desired.spa.name, "\""),
        connectionId: connection.id,
        connection: desired.connection,
        action: enabled ? 'unchanged' : 'update',
        changes: enabled ? [] : [{ field: 'enabled_clients', from: undefined, to: [desired.spa.name] }],
    });
    var fileRoles = desired.roles.map(function (role) { return role.name; });
    for (var _e = 0, _f = desired.users; _e < _f.length; _e++) {
        var user = _f[_e];
        var existing = current.users.get(user.email);
        var create = existing === undefined;
        var fields = create ? __assign(__assign({}, user.fields), { connection: desired.connection }) : user.fields;
        steps.push(__assign({ kind: 'user', email: user.email, password: user.password, label: "user ".concat(user.email) }, objectStep(fields, existing)));
        // Roles the tenant file does not know are left alone; the file's roles are made exact.
        steps.push(__assign({ kind: 'user-roles', email: user.email, label: "roles of user ".concat(user.email) }, relationStep('roles', user.roles, existing === null || existing === void 0 ? void 0 : existing.roles, fileRoles)));
    }
    return steps;
}
