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
exports.diffFields = diffFields;
exports.diffSet = diffSet;
/**
 * Lists a tenant owner may have extended on purpose (say, production callback URLs or another
 * permission): entries missing from the tenant are added, extra ones are kept. Everything else must
 * equal the tenant file.
 */
var ADDITIVE_LISTS = new Set(['callbacks', 'allowed_logout_urls', 'web_origins', 'allowed_origins', 'grant_types', 'scopes']);
function mergeScopes(desired, current) {
    var wanted = new Set(desired.map(function (s) { return s.value; }));
    return __spreadArray(__spreadArray([], desired, true), current.filter(function (s) { return !wanted.has(s.value); }), true);
}
function mergeStrings(desired, current) {
    return __spreadArray(__spreadArray([], current, true), desired.filter(function (value) { return !current.includes(value); }), true);
}
function sameScopes(a, b) {
    var key = function (list) {
        return JSON.stringify(__spreadArray([], list, true).map(function (s) { var _a; return [s.value, (_a = s.description) !== null && _a !== void 0 ? _a : '']; }).sort(function (x, y) { return x[0].localeCompare(y[0]); }));
    };
    return key(a) === key(b);
}
function sameStringSet(a, b) {
    return a.length === b.length && a.every(function (value) { return b.includes(value); });
}
function isScopeList(value) {
    return Array.isArray(value) && value.every(function (s) { return typeof s === 'object' && s !== null && 'value' in s; });
}
function asStrings(value) {
    return Array.isArray(value) ? value.filter(function (v) { return typeof v === 'string'; }) : [];
}
/** The value a field should get, given what the tenant has now. */
function targetValue(field, desired, current) {
    if (!ADDITIVE_LISTS.has(field) || current === undefined || current === null)
        return desired;
    if (isScopeList(desired))
        return mergeScopes(desired, isScopeList(current) ? current : []);
    return mergeStrings(asStrings(desired), asStrings(current));
}
function equal(a, b) {
    if (isScopeList(a) && isScopeList(b))
        return sameScopes(a, b);
    if (Array.isArray(a) && Array.isArray(b))
        return sameStringSet(asStrings(a), asStrings(b));
    return JSON.stringify(a) === JSON.stringify(b);
}
/**
 * Compares the managed fields of one object. `patch` holds only the fields to send: all of them
 * for an object that does not exist, else the ones that differ.
 */
function diffFields(desired, current) {
    var changes = [];
    var patch = {};
    for (var _i = 0, _a = Object.entries(desired); _i < _a.length; _i++) {
        var _b = _a[_i], field = _b[0], wanted = _b[1];
        var now = current === null || current === void 0 ? void 0 : current[field];
        var to = current === undefined ? wanted : targetValue(field, wanted, now);
        if (current !== undefined && equal(to, now))
            continue;
        changes.push({ field: field, from: now, to: to });
        patch[field] = to;
    }
    return { changes: changes, patch: patch };
}
/** Names to add and to remove so that `current` holds exactly `desired` (within `managed`). */
function diffSet(desired, current, managed) {
    if (managed === void 0) { managed = __spreadArray(__spreadArray([], desired, true), current, true); }
    return {
        add: desired.filter(function (name) { return !current.includes(name); }),
        remove: current.filter(function (name) { return managed.includes(name) && !desired.includes(name); }),
    };
}
