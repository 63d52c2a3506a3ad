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
var __rest = (this && this.__rest) || function (s, e) {
    var t = {};
    for (var p in s) if (Object.prototype.hasOwnProperty.call(s, p) && e.indexOf(p) < 0)
        t[p] = s[p];
    if (s != null && typeof Object.getOwnPropertySymbols === "function")
        for (var i = 0, p = Object.getOwnPropertySymbols(s); i < p.length; i++) {
            if (e.indexOf(p[i]) < 0 && Object.prototype.propertyIsEnumerable.call(s, p[i]))
                t[p[i]] = s[p[i]];
        }
    return t;
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
exports.applyPlan = applyPlan;
var field_diff_ts_1 = require("./field-diff.ts");
var read_current_state_ts_1 = require("./read-current-state.ts");
var step_error_ts_1 = require("./step-error.ts");
function isConflict(error) {
    return typeof error === 'object' && error !== null && error.statusCode === 409;
}
/**
 * Applies the steps in order against the tenant. The desired fields are built with the Management
 * API's own names (desired-state.ts), hence the casts to the SDK's request types.
 */
function applyPlan(mgmt, steps, current, desired) {
    return __awaiter(this, void 0, void 0, function () {
        /** Creates; on 409 re-reads the object by its key and updates what differs. Returns its id. */
        function createOrRecover(label, fields, create, recover, update) {
            return __awaiter(this, void 0, void 0, function () {
                var error_2, found, patch;
                return __generator(this, function (_a) {
                    switch (_a.label) {
                        case 0:
                            _a.trys.push([0, 2, , 6]);
                            return [4 /*yield*/, create()];
                        case 1: return [2 /*return*/, _a.sent()];
                        case 2:
                            error_2 = _a.sent();
                            if (!isConflict(error_2))
                                throw error_2;
                            return [4 /*yield*/, recover()];
                        case 3:
                            found = _a.sent();
                            if (found === undefined)
                                throw error_2;
                            patch = (0, field_diff_ts_1.diffFields)(fields, found.fields).patch;
                            if (!(Object.keys(patch).length > 0)) return [3 /*break*/, 5];
                            return [4 /*yield*/, update(found.id, patch)];
                        case 4:
                            _a.sent();
                            _a.label = 5;
                        case 5:
                            result.recovered.push(label);
                            return [2 /*return*/, found.id];
                        case 6: return [2 /*return*/];
                    }
                });
            });
        }
        function run(step) {
            return __awaiter(this, void 0, void 0, function () {
                var _a, update, create, created, clientId_1, update, create, update, create, id, roleId, permissions, update, body_1, _b, _connection, fields_1, id, userId, ids;
                var _this = this;
                return __generator(this, function (_c) {
                    switch (_c.label) {
                        case 0:
                            _a = step.kind;
                            switch (_a) {
                                case 'resource-server': return [3 /*break*/, 1];
                                case 'client': return [3 /*break*/, 5];
                                case 'client-grant': return [3 /*break*/, 9];
                                case 'role': return [3 /*break*/, 13];
                                case 'role-permissions': return [3 /*break*/, 17];
                                case 'connection-client': return [3 /*break*/, 22];
                                case 'user': return [3 /*break*/, 25];
                                case 'user-roles': return [3 /*break*/, 29];
                            }
                            return [3 /*break*/, 34];
                        case 1:
                            update = function (id, patch) { return mgmt.resourceServers.update(id, patch); };
                            if (!(step.action === 'update')) return [3 /*break*/, 3];
                            return [4 /*yield*/, update(need(step.id, step.label), step.patch)];
                        case 2:
                            _c.sent();
                            _c.label = 3;
                        case 3:
                            if (step.action !== 'create')
                                return [2 /*return*/];
                            create = function () { return __awaiter(_this, void 0, void 0, function () { return __generator(this, function (_a) {
                                switch (_a.label) {
                                    case 0: return [4 /*yield*/, mgmt.resourceServers.create(step.desired)];
                                    case 1: return [2 /*return*/, (_a.sent()).id];
                                }
                            }); }); };
                            return [4 /*yield*/, createOrRecover(step.label, step.desired, create, function () { return __awaiter(_this, void 0, void 0, function () {
                                    var found;
                                    return __generator(this, function (_a) {
                                        switch (_a.label) {
                                            case 0: return [4 /*yield*/, (0, read_current_state_ts_1.findResourceServer)(mgmt, audience)];
                                            case 1:
                                                found = _a.sent();
                                                return [2 /*return*/, (found === null || found === void 0 ? void 0 : found.id) === undefined ? undefined : { id: found.id, fields: (0, read_current_state_ts_1.pick)(found, step.desired) }];
                                        }
                                    });
                                }); }, update)];
                        case 4:
                            _c.sent();
                            return [2 /*return*/];
                        case 5:
                            if (!(step.action === 'update')) return [3 /*break*/, 7];
                            return [4 /*yield*/, mgmt.clients.update(need(step.id, step.label), step.patch)];
                        case 6:
                            _c.sent();
                            _c.label = 7;
                        case 7:
                            if (step.action !== 'create')
                                return [2 /*return*/];
                            return [4 /*yield*/, mgmt.clients.create(step.desired)];
                        case 8:
                            created = _c.sent();
                            clients[step.app] = created.client_id;
                            if (step.app === 'm2m')
                                result.m2mClientSecret = created.client_secret;
                            return [2 /*return*/];
                        case 9:
                            clientId_1 = need(clients.m2m, 'the M2M application');
                            update = function (id, patch) { return mgmt.clientGrants.update(id, patch); };
                            if (!(step.action === 'update')) return [3 /*break*/, 11];
                            return [4 /*yield*/, update(need(step.id, step.label), { scope: step.scope })];
                        case 10:
                            _c.sent();
                            _c.label = 11;
                        case 11:
                            if (step.action !== 'create')
                                return [2 /*return*/];
                            create = function () { return __awaiter(_this, void 0, void 0, function () { return __generator(this, function (_a) {
                                switch (_a.label) {
                                    case 0: return [4 /*yield*/, mgmt.clientGrants.create({ client_id: clientId_1, audience: audience, scope: step.scope })];
                                    case 1: return [2 /*return*/, (_a.sent()).id];
                                }
                            }); }); };
                            return [4 /*yield*/, createOrRecover(step.label, { scope: step.scope }, create, function () { return __awaiter(_this, void 0, void 0, function () {
                                    var found;
                                    var _a;
                                    return __generator(this, function (_b) {
                                        switch (_b.label) {
                                            case 0: return [4 /*yield*/, (0, read_current_state_ts_1.findGrant)(mgmt, audience, clientId_1)];
                                            case 1:
                                                found = _b.sent();
                                                return [2 /*return*/, (found === null || found === void 0 ? void 0 : found.id) === undefined ? undefined : { id: found.id, fields: { scope: (_a = found.scope) !== null && _a !== void 0 ? _a : [] } }];
                                        }
                                    });
                                }); }, update)];
                        case 12:
                            _c.sent();
                            return [2 /*return*/];
                        case 13:
                            update = function (id, patch) { return mgmt.roles.update(id, patch); };
                            if (!(step.action === 'update')) return [3 /*break*/, 15];
                            return [4 /*yield*/, update(need(step.id, step.label), step.patch)];
                        case 14:
                            _c.sent();
                            _c.label = 15;
                        case 15:
                            if (step.action !== 'create')
                                return [2 /*return*/];
                            create = function () { return __awaiter(_this, void 0, void 0, function () { return __generator(this, function (_a) {
                                switch (_a.label) {
                                    case 0: return [4 /*yield*/, mgmt.roles.create(step.desired)];
                                    case 1: return [2 /*return*/, (_a.sent()).id];
                                }
                            }); }); };
                            return [4 /*yield*/, createOrRecover(step.label, step.desired, create, function () { return __awaiter(_this, void 0, void 0, function () {
                                    var found;
                                    return __generator(this, function (_a) {
                                        switch (_a.label) {
                                            case 0: return [4 /*yield*/, (0, read_current_state_ts_1.findRole)(mgmt, step.name)];
                                            case 1:
                                                found = _a.sent();
                                                return [2 /*return*/, (found === null || found === void 0 ? void 0 : found.id) === undefined ? undefined : { id: found.id, fields: (0, read_current_state_ts_1.pick)(found, step.desired) }];
                                        }
                                    });
                                }); }, update)];
                        case 16:
                            id = _c.sent();
                            roleIds.set(step.name, need(id, step.label));
                            return [2 /*return*/];
                        case 17:
                            roleId = need(roleIds.get(step.role), "role \"".concat(step.role, "\""));
                            permissions = function (names) { return ({ permissions: names.map(function (name) { return ({ resource_server_identifier: audience, permission_name: name }); }) }); };
                            if (!(step.add.length > 0)) return [3 /*break*/, 19];
                            return [4 /*yield*/, mgmt.roles.permissions.add(roleId, permissions(step.add))];
                        case 18:
                            _c.sent();
                            _c.label = 19;
                        case 19:
                            if (!(step.remove.length > 0)) return [3 /*break*/, 21];
                            return [4 /*yield*/, mgmt.roles.permissions.delete(roleId, permissions(step.remove))];
                        case 20:
                            _c.sent();
                            _c.label = 21;
                        case 21: return [2 /*return*/];
                        case 22:
                            if (!(step.action === 'update')) return [3 /*break*/, 24];
                            return [4 /*yield*/, mgmt.connections.clients.update(step.connectionId, [{ client_id: need(clients.spa, 'the SPA application'), status: true }])];
                        case 23:
                            _c.sent();
                            _c.label = 24;
                        case 24: return [2 /*return*/];
                        case 25:
                            update = function (id, patch) { return mgmt.users.update(id, patch); };
                            if (!(step.action === 'update')) return [3 /*break*/, 27];
                            return [4 /*yield*/, update(need(step.id, step.label), step.patch)];
                        case 26:
                            _c.sent();
                            _c.label = 27;
                        case 27:
                            if (step.action !== 'create')
                                return [2 /*return*/];
                            body_1 = __assign(__assign({}, step.desired), { password: step.password });
                            _b = step.desired, _connection = _b.connection, fields_1 = __rest(_b, ["connection"]);
                            return [4 /*yield*/, createOrRecover(step.label, fields_1, function () { return __awaiter(_this, void 0, void 0, function () { return __generator(this, function (_a) {
                                    switch (_a.label) {
                                        case 0: return [4 /*yield*/, mgmt.users.create(body_1)];
                                        case 1: return [2 /*return*/, (_a.sent()).user_id];
                                    }
                                }); }); }, function () { return __awaiter(_this, void 0, void 0, function () {
                                    var found;
                                    return __generator(this, function (_a) {
                                        switch (_a.label) {
                                            case 0: return [4 /*yield*/, (0, read_current_state_ts_1.findDatabaseUser)(mgmt, step.email, desired.connection)];
                                            case 1:
                                                found = _a.sent();
                                                return [2 /*return*/, (found === null || found === void 0 ? void 0 : found.user_id) === undefined ? undefined : { id: found.user_id, fields: (0, read_current_state_ts_1.pick)(found, fields_1) }];
                                        }
                                    });
                                }); }, update)];
                        case 28:
                            id = _c.sent();
                            userIds.set(step.email, need(id, step.label));
                            return [2 /*return*/];
                        case 29:
                            userId = need(userIds.get(step.email), "user ".concat(step.email));
                            ids = function (names) { return ({ roles: names.map(function (name) { return need(roleIds.get(name), "role \"".concat(name, "\"")); }) }); };
                            if (!(step.add.length > 0)) return [3 /*break*/, 31];
                            return [4 /*yield*/, mgmt.users.roles.assign(userId, ids(step.add))];
                        case 30:
                            _c.sent();
                            _c.label = 31;
                        case 31:
                            if (!(step.remove.length > 0)) return [3 /*break*/, 33];
                            return [4 /*yield*/, mgmt.users.roles.delete(userId, ids(step.remove))];
                        case 32:
                            _c.sent();
                            _c.label = 33;
                        case 33: return [2 /*return*/];
                        case 34: return [2 /*return*/];
                    }
                });
            });
        }
        var audience, clients, roleIds, userIds, result, need, _i, steps_1, step, error_1;
        var _a, _b, _c;
        return __generator(this, function (_d) {
            switch (_d.label) {
                case 0:
                    audience = desired.audience;
                    clients = { spa: (_a = current.spa) === null || _a === void 0 ? void 0 : _a.id, m2m: (_b = current.m2m) === null || _b === void 0 ? void 0 : _b.id };
                    roleIds = new Map(__spreadArray([], current.roles, true).map(function (_a) {
                        var name = _a[0], role = _a[1];
                        return [name, role.id];
                    }));
                    userIds = new Map(__spreadArray([], current.users, true).map(function (_a) {
                        var email = _a[0], user = _a[1];
                        return [email, user.id];
                    }));
                    result = { m2mClientSecret: (_c = current.m2m) === null || _c === void 0 ? void 0 : _c.clientSecret, recovered: [] };
                    need = function (id, what) {
                        if (id === undefined)
                            throw new Error("applyPlan: ".concat(what, " has no id (a step ran out of order)"));
                        return id;
                    };
                    _i = 0, steps_1 = steps;
                    _d.label = 1;
                case 1:
                    if (!(_i < steps_1.length)) return [3 /*break*/, 6];
                    step = steps_1[_i];
                    _d.label = 2;
                case 2:
                    _d.trys.push([2, 4, , 5]);
                    return [4 /*yield*/, run(step)];
                case 3:
                    _d.sent();
                    return [3 /*break*/, 5];
                case 4:
                    error_1 = _d.sent();
                    throw new step_error_ts_1.StepError(step.label, step.action, error_1);
                case 5:
                    _i++;
                    return [3 /*break*/, 1];
                case 6: return [2 /*return*/, __assign(__assign({}, result), { spaClientId: clients.spa, m2mClientId: clients.m2m })];
            }
        });
    });
}
