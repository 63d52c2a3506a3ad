"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatPlan = formatPlan;
exports.formatCounts = formatCounts;
exports.isNoop = isNoop;
exports.formatApplied = formatApplied;
exports.formatEnv = formatEnv;
var mask_ts_1 = require("./mask.ts");
var plan_step_ts_1 = require("./plan-step.ts");
var MARK = { create: '+ create   ', update: '~ update   ', unchanged: '= unchanged' };
function show(field, value) {
    if (value === undefined)
        return '(none)';
    return (0, mask_ts_1.isSecretField)(field) ? '(hidden)' : JSON.stringify(value);
}
function changeLine(step, change) {
    if (step.action === 'create')
        return "      ".concat(change.field, ": ").concat(show(change.field, change.to));
    return "      ".concat(change.field, ": ").concat(show(change.field, change.from), " \u2192 ").concat(show(change.field, change.to));
}
/** One line per step, and under each creation or update the fields it sets. */
function formatPlan(steps, domain) {
    var lines = ["Plan for ".concat(domain, " (from apps/local-tenant/tenant.config.ts):")];
    for (var _i = 0, steps_1 = steps; _i < steps_1.length; _i++) {
        var step = steps_1[_i];
        lines.push("  ".concat(MARK[step.action], "  ").concat(step.label));
        for (var _a = 0, _b = step.changes; _a < _b.length; _a++) {
            var change = _b[_a];
            lines.push(changeLine(step, change));
        }
        if (step.kind === 'user' && step.action === 'create')
            lines.push('      password: (hidden, from tenant.config.ts)');
    }
    return lines;
}
function formatCounts(steps) {
    var _a = (0, plan_step_ts_1.counts)(steps), create = _a.create, update = _a.update, unchanged = _a.unchanged;
    return "".concat(create, " to create, ").concat(update, " to update, ").concat(unchanged, " unchanged");
}
function isNoop(steps) {
    return steps.every(function (step) { return step.action === 'unchanged'; });
}
function formatApplied(steps, applied) {
    var _a = (0, plan_step_ts_1.counts)(steps), create = _a.create, update = _a.update, unchanged = _a.unchanged;
    var lines = ["Done: ".concat(create, " created, ").concat(update, " updated, ").concat(unchanged, " unchanged.")];
    for (var _i = 0, _b = applied.recovered; _i < _b.length; _i++) {
        var label = _b[_i];
        lines.push("  ".concat(label, " already existed (409 Conflict): it was read again and updated instead."));
    }
    return lines;
}
var ENV_WORDS = {
    added: 'added',
    filled: 'set (was empty)',
    unchanged: 'unchanged',
    kept: 'KEPT your different value',
    replaced: 'replaced (--force-env)',
};
function formatEnv(file, entries) {
    var value = function (name, v) { return (v === undefined ? '' : (0, mask_ts_1.isSecretField)(name) ? (0, mask_ts_1.maskSecret)(v) : v); };
    var lines = ["".concat(file, ":")];
    for (var _i = 0, entries_1 = entries; _i < entries_1.length; _i++) {
        var entry = entries_1[_i];
        var was = entry.previous === undefined || entry.previous === '' ? '' : " (was ".concat(value(entry.name, entry.previous), ")");
        var tenant = entry.status === 'kept' ? "; the tenant's value is ".concat(value(entry.name, entry.value)) : '';
        lines.push("  ".concat(entry.name, "=").concat(value(entry.name, entry.status === 'kept' ? entry.previous : entry.value), "  ").concat(ENV_WORDS[entry.status]).concat(entry.status === 'kept' ? tenant : was));
    }
    if (entries.some(function (entry) { return entry.status === 'kept'; }))
        lines.push('  Run again with --force-env to replace the kept values, or edit .env yourself.');
    return lines;
}
