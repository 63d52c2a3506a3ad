"use strict";
var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
var __generator = (this && this.__generator) || function (thisArg, body) {
    var _ = { label: 0, sent: function() { if (t[0] & 1) throw t[1]; return t[1]; }, trys: [], ops: [] }, f, y, t, g = Object.create((typeof Iterator === "function" ? Iterator : Object).prototype);
    return g.next = verb(0), g["throw"] = verb(1), g["return"] = verb(2), typeof Symbol === "function" && (g[Symbol.iterator] = function() { return this; }), g;
    function verb(n) { return function (v) { return step([n, v]); }; }
    function step(op) {
        if (f) throw new TypeError("Generator is already executing.");
        while (g && (g = 0, op[0] && (_ = 0)), _) try {
            if (f = 1, y && (t = op[0] & 2 ? y["return"] : op[0] ? y["throw"] || ((t = y["return"]) && t.call(y), 0) : y.next) && !(t = t.call(y, op[1])).done) return t;
            if (y = 0, t) op = [op[0] & 2, t.value];
            switch (op[0]) {
                case 0: case 1: t = op; break;
                case 4: _.label++; return { value: op[1], done: false };
                case 5: _.label++; y = op[1]; op = [0]; continue;
                case 7: op = _.ops.pop(); _.trys.pop(); continue;
                default:
                    if (!(t = _.trys, t = t.length > 0 && t[t.length - 1]) && (op[0] === 6 || op[0] === 2)) { _ = 0; continue; }
                    if (op[0] === 3 && (!t || (op[1] > t[0] && op[1] < t[3]))) { _.label = op[1]; break; }
                    if (op[0] === 6 && _.label < t[1]) { _.label = t[1]; t = op; break; }
                    if (t && _.label < t[2]) { _.label = t[2]; _.ops.push(op); break; }
                    if (t[2]) _.ops.pop();
                    _.trys.pop(); continue;
            }
            op = body.call(thisArg, _);
        } catch (e) { op = [6, e]; y = 0; } finally { f = t = 0; }
        if (op[0] & 5) throw op[1]; return { value: op[0] ? op[1] : void 0, done: true };
    }
};
var __asyncValues = (this && this.__asyncValues) || function (o) {
    if (!Symbol.asyncIterator) throw new TypeError("Symbol.asyncIterator is not defined.");
    var m = o[Symbol.asyncIterator], i;
    return m ? m.call(o) : (o = typeof __values === "function" ? __values(o) : o[Symbol.iterator](), i = {}, verb("next"), verb("throw"), verb("return"), i[Symbol.asyncIterator] = function () { return this; }, i);
    function verb(n) { i[n] = o[n] && function (v) { return new Promise(function (resolve, reject) { v = o[n](v), settle(resolve, reject, v.done, v.value); }); }; }
    function settle(resolve, reject, d, v) { Promise.resolve(v).then(function(v) { resolve({ value: v, done: d }); }, reject); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.listAll = listAll;
exports.pick = pick;
exports.findResourceServer = findResourceServer;
exports.findRole = findRole;
exports.findGrant = findGrant;
exports.findDatabaseUser = findDatabaseUser;
exports.readCurrentState = readCurrentState;
var setup_error_ts_1 = require("./setup-error.ts");
/** Every item of a paginated list (the SDK fetches further pages while a page comes back full). */
function listAll(page) {
    return __awaiter(this, void 0, void 0, function () {
        var items, _a, _b, _c, item, e_1_1;
        var _d, e_1, _e, _f;
        return __generator(this, function (_g) {
            switch (_g.label) {
                case 0:
                    items = [];
                    _g.label = 1;
                case 1:
                    _g.trys.push([1, 7, 8, 13]);
                    _a = true;
                    return [4 /*yield*/, page];
                case 2:
                    _b = __asyncValues.apply(void 0, [_g.sent()]);
                    _g.label = 3;
                case 3: return [4 /*yield*/, _b.next()];
                case 4:
                    if (!(_c = _g.sent(), _d = _c.done, !_d)) return [3 /*break*/, 6];
                    _f = _c.value;
                    _a = false;
                    item = _f;
                    items.push(item);
                    _g.label = 5;
                case 5:
                    _a = true;
                    return [3 /*break*/, 3];
                case 6: return [3 /*break*/, 13];
                case 7:
                    e_1_1 = _g.sent();
                    e_1 = { error: e_1_1 };
                    return [3 /*break*/, 13];
                case 8:
                    _g.trys.push([8, , 11, 12]);
                    if (!(!_a && !_d && (_e = _b.return))) return [3 /*break*/, 10];
                    return [4 /*yield*/, _e.call(_b)];
                case 9:
                    _g.sent();
                    _g.label = 10;
                case 10: return [3 /*break*/, 12];
                case 11:
                    if (e_1) throw e_1.error;
                    return [7 /*endfinally*/];
                case 12: return [7 /*endfinally*/];
                case 13: return [2 /*return*/, items];
            }
        });
    });
}
/** The managed fields of an object as the tenant has them. */
function pick(source, desired) {
    var record = source;
    return Object.fromEntries(Object.keys(desired).map(function (key) { return [key, record[key]]; }));
}
/** At most one object may carry a stable key; two would make "which one to update" a guess. */
function single(matches, what) {
    if (matches.length > 1) {
        throw new setup_error_ts_1.SetupError("".concat(matches.length, " ").concat(what, " exist in the tenant. Delete or rename the extra ones, then run again."));
    }
    return matches[0];
}
function findResourceServer(mgmt, audience) {
    return __awaiter(this, void 0, void 0, function () {
        var servers;
        return __generator(this, function (_a) {
            switch (_a.label) {
                case 0: return [4 /*yield*/, listAll(mgmt.resourceServers.list({ identifiers: [audience], per_page: 100 }))];
                case 1:
                    servers = _a.sent();
                    return [2 /*return*/, servers.find(function (server) { return server.identifier === audience; })];
            }
        });
    });
}
function findRole(mgmt, name) {
    return __awaiter(this, void 0, void 0, function () {
        var roles;
        return __generator(this, function (_a) {
            switch (_a.label) {
                case 0: return [4 /*yield*/, listAll(mgmt.roles.list({ name_filter: name, per_page: 100 }))];
                case 1:
                    roles = _a.sent();
                    return [2 /*return*/, single(roles.filter(function (role) { return role.name === name; }), "roles named \"".concat(name, "\""))];
            }
        });
    });
}
function findGrant(mgmt, audience, clientId) {
    return __awaiter(this, void 0, void 0, function () {
        var grants;
        return __generator(this, function (_a) {
            switch (_a.label) {
                case 0: return [4 /*yield*/, listAll(mgmt.clientGrants.list({ audience: audience, client_id: clientId }))];
                case 1:
                    grants = _a.sent();
                    return [2 /*return*/, grants.find(function (grant) { return grant.audience === audience && grant.client_id === clientId; })];
            }
        });
    });
}
function findDatabaseUser(mgmt, email, connection) {
    return __awaiter(this, void 0, void 0, function () {
        var users;
        return __generator(this, function (_a) {
            switch (_a.label) {
                case 0: return [4 /*yield*/, mgmt.users.listUsersByEmail({ email: email })];
                case 1:
                    users = _a.sent();
                    return [2 /*return*/, single(users.filter(function (user) { var _a; return (_a = user.identities) === null || _a === void 0 ? void 0 : _a.some(function (identity) { return identity.connection === connection; }); }), "users with the email ".concat(email, " in ").concat(connection))];
            }
        });
    });
}
function readRolePermissions(mgmt, roleId, audience) {
    return __awaiter(this, void 0, void 0, function () {
        var permissions;
        return __generator(this, function (_a) {
            switch (_a.label) {
                case 0: return [4 /*yield*/, listAll(mgmt.roles.permissions.list(roleId, { per_page: 100 }))];
                case 1:
                    permissions = _a.sent();
                    return [2 /*return*/, permissions.filter(function (p) { return p.resource_server_identifier === audience; }).map(function (p) { var _a; return (_a = p.permission_name) !== null && _a !== void 0 ? _a : ''; })];
            }
        });
    });
}
function readUsers(mgmt, desired, roleNames) {
    return __awaiter(this, void 0, void 0, function () {
        var users, _i, _a, user, found, roles, names;
        return __generator(this, function (_b) {
            switch (_b.label) {
                case 0:
                    users = new Map();
                    _i = 0, _a = desired.users;
                    _b.label = 1;
                case 1:
                    if (!(_i < _a.length)) return [3 /*break*/, 5];
                    user = _a[_i];
                    return [4 /*yield*/, findDatabaseUser(mgmt, user.email, desired.connection)];
                case 2:
                    found = _b.sent();
                    if ((found === null || found === void 0 ? void 0 : found.user_id) === undefined)
                        return [3 /*break*/, 4];
                    return [4 /*yield*/, listAll(mgmt.users.roles.list(found.user_id, { per_page: 100 }))];
                case 3:
                    roles = _b.sent();
                    names = roles.map(function (role) { var _a, _b, _c; return (_c = (_a = role.name) !== null && _a !== void 0 ? _a : roleNames.get((_b = role.id) !== null && _b !== void 0 ? _b : '')) !== null && _c !== void 0 ? _c : ''; });
                    users.set(user.email, { id: found.user_id, fields: pick(found, user.fields), roles: names });
                    _b.label = 4;
                case 4:
                    _i++;
                    return [3 /*break*/, 1];
                case 5: return [2 /*return*/, users];
            }
        });
    });
}
function readConnection(mgmt, name) {
    return __awaiter(this, void 0, void 0, function () {
        var connections, connection, clients;
        return __generator(this, function (_a) {
            switch (_a.label) {
                case 0: return [4 /*yield*/, listAll(mgmt.connections.list({ name: name }))];
                case 1:
                    connections = _a.sent();
                    connection = connections.find(function (c) { return c.name === name; });
                    if ((connection === null || connection === void 0 ? void 0 : connection.id) === undefined) {
                        throw new setup_error_ts_1.SetupError("The ".concat(name, " database connection does not exist, so the demo users have nowhere to live. Create it (Authentication \u2192 Database \u2192 Create DB Connection, named ").concat(name, ") or run without --with-demo-users."));
                    }
                    return [4 /*yield*/, listAll(mgmt.connections.clients.get(connection.id))];
                case 2:
                    clients = _a.sent();
                    return [2 /*return*/, { id: connection.id, enabledClientIds: clients.map(function (client) { return client.client_id; }) }];
            }
        });
    });
}
/** Reads what the tenant file manages, by stable keys: API identifier, application and role names, user email. */
function readCurrentState(mgmt, desired, withDemoUsers) {
    return __awaiter(this, void 0, void 0, function () {
        var server, clients, client, spa, m2m, grant, _a, allRoles, roles, _loop_1, _i, _b, role, roleNames, _c, _d;
        var _e;
        var _f;
        return __generator(this, function (_g) {
            switch (_g.label) {
                case 0: return [4 /*yield*/, findResourceServer(mgmt, desired.audience)];
                case 1:
                    server = _g.sent();
                    return [4 /*yield*/, listAll(mgmt.clients.list({ per_page: 100 }))];
                case 2:
                    clients = _g.sent();
                    client = function (fields, kind) {
                        var found = single(clients.filter(function (c) { return c.name === fields.name; }), "applications named \"".concat(fields.name, "\" (").concat(kind, ")"));
                        return (found === null || found === void 0 ? void 0 : found.client_id) === undefined ? undefined : { id: found.client_id, fields: pick(found, fields), clientSecret: found.client_secret };
                    };
                    spa = client(desired.spa, 'SPA');
                    m2m = client(desired.m2m, 'M2M');
                    if (!(m2m === undefined)) return [3 /*break*/, 3];
                    _a = undefined;
                    return [3 /*break*/, 5];
                case 3: return [4 /*yield*/, findGrant(mgmt, desired.audience, m2m.id)];
                case 4:
                    _a = _g.sent();
                    _g.label = 5;
                case 5:
                    grant = _a;
                    return [4 /*yield*/, listAll(mgmt.roles.list({ per_page: 100 }))];
                case 6:
                    allRoles = _g.sent();
                    roles = new Map();
                    _loop_1 = function (role) {
                        var found, permissions;
                        return __generator(this, function (_h) {
                            switch (_h.label) {
                                case 0:
                                    found = single(allRoles.filter(function (r) { return r.name === role.name; }), "roles named \"".concat(role.name, "\""));
                                    if ((found === null || found === void 0 ? void 0 : found.id) === undefined)
                                        return [2 /*return*/, "continue"];
                                    return [4 /*yield*/, readRolePermissions(mgmt, found.id, desired.audience)];
                                case 1:
                                    permissions = _h.sent();
                                    roles.set(role.name, { id: found.id, fields: pick(found, role.fields), permissions: permissions });
                                    return [2 /*return*/];
                            }
                        });
                    };
                    _i = 0, _b = desired.roles;
                    _g.label = 7;
                case 7:
                    if (!(_i < _b.length)) return [3 /*break*/, 10];
                    role = _b[_i];
                    return [5 /*yield**/, _loop_1(role)];
                case 8:
                    _g.sent();
                    _g.label = 9;
                case 9:
                    _i++;
                    return [3 /*break*/, 7];
                case 10:
                    roleNames = new Map(allRoles.map(function (role) { var _a, _b; return [(_a = role.id) !== null && _a !== void 0 ? _a : '', (_b = role.name) !== null && _b !== void 0 ? _b : '']; }));
                    _e = {
                        resourceServer: (server === null || server === void 0 ? void 0 : server.id) === undefined ? undefined : { id: server.id, fields: pick(server, desired.resourceServer) },
                        spa: spa,
                        m2m: m2m,
                        m2mGrant: (grant === null || grant === void 0 ? void 0 : grant.id) === undefined ? undefined : { id: grant.id, fields: { scope: (_f = grant.scope) !== null && _f !== void 0 ? _f : [] } },
                        roles: roles
                    };
                    if (!withDemoUsers) return [3 /*break*/, 12];
                    return [4 /*yield*/, readConnection(mgmt, desired.connection)];
                case 11:
                    _c = _g.sent();
                    return [3 /*break*/, 13];
                case 12:
                    _c = undefined;
                    _g.label = 13;
                case 13:
                    _e.connection = _c;
                    if (!withDemoUsers) return [3 /*break*/, 15];
                    return [4 /*yield*/, readUsers(mgmt, desired, roleNames)];
                case 14:
                    _d = _g.sent();
                    return [3 /*break*/, 16];
                case 15:
                    _d = new Map();
                    _g.label = 16;
                case 16: return [2 /*return*/, (_e.users = _d,
                        _e)];
            }
        });
    });
}
