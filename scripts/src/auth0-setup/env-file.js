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
exports.mergeEnvFile = mergeEnvFile;
var node_util_1 = require("node:util");
var ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;
function formatValue(value) {
    return /^[\w.:/@+=-]*$/.test(value) ? value : "\"".concat(value.replace(/["\\]/g, '\\$&'), "\"");
}
/** The value a line assigns, read by Node's own dotenv parser (the one readEnv uses). */
function lineValue(line, name) {
    var _a;
    return (_a = (0, node_util_1.parseEnv)(line)[name]) !== null && _a !== void 0 ? _a : '';
}
/**
 * Sets variables in the text of a .env file without losing anything else: comments, blank lines,
 * order and unrelated variables stay as they are. A variable that already has a different value
 * is kept unless `force`. New variables are appended under `header`. Pure, so it is easy to test.
 */
function mergeEnvFile(text, values, options) {
    var _a;
    var lines = text === '' ? [] : text.split('\n');
    if (lines.length > 0 && lines.at(-1) === '')
        lines.pop();
    var appended = [];
    var entries = [];
    var _loop_1 = function (name_1, value) {
        var index = -1;
        lines.forEach(function (line, i) {
            var _a;
            if (((_a = ASSIGNMENT.exec(line)) === null || _a === void 0 ? void 0 : _a[1]) === name_1)
                index = i; // the last assignment wins, as in parseEnv
        });
        var assignment = "".concat(name_1, "=").concat(formatValue(value));
        if (index === -1) {
            appended.push(assignment);
            entries.push({ name: name_1, value: value, status: 'added' });
            return "continue";
        }
        var line = lines[index];
        var previous = lineValue(line, name_1);
        var eol = line.endsWith('\r') ? '\r' : '';
        if (previous === value)
            entries.push({ name: name_1, value: value, status: 'unchanged' });
        else if (previous === '' || options.force) {
            lines[index] = assignment + eol;
            entries.push({ name: name_1, value: value, status: previous === '' ? 'filled' : 'replaced', previous: previous });
        }
        else
            entries.push({ name: name_1, value: value, status: 'kept', previous: previous });
    };
    for (var _i = 0, values_1 = values; _i < values_1.length; _i++) {
        var _b = values_1[_i], name_1 = _b[0], value = _b[1];
        _loop_1(name_1, value);
    }
    if (appended.length > 0) {
        if (lines.length > 0 && ((_a = lines.at(-1)) === null || _a === void 0 ? void 0 : _a.trim()) !== '')
            lines.push('');
        lines.push.apply(lines, __spreadArray(["# ".concat(options.header)], appended, false));
    }
    return { text: lines.length === 0 ? '' : "".concat(lines.join('\n'), "\n"), entries: entries };
}
