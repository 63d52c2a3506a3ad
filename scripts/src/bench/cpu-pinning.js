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
exports.detectPinning = detectPinning;
exports.pinnedCommand = pinnedCommand;
var node_child_process_1 = require("node:child_process");
var node_os_1 = require("node:os");
function detectPinning() {
    var cores = (0, node_os_1.availableParallelism)();
    if (cores < 2)
        return { pinned: false, reason: "only ".concat(cores, " core"), prefix: function () { return []; } };
    try {
        (0, node_child_process_1.execFileSync)('taskset', ['--version'], { stdio: 'ignore' });
    }
    catch (_a) {
        return { pinned: false, reason: 'taskset not found', prefix: function () { return []; } };
    }
    return { pinned: true, reason: 'service on core 0, load generator on core 1', prefix: function (core) { return ['taskset', '-c', String(core)]; } };
}
/** Spawn arguments for `node <args>`, behind the pinning prefix when there is one. */
function pinnedCommand(pinning, core, args) {
    var prefix = pinning.prefix(core);
    var _a = __spreadArray(__spreadArray(__spreadArray([], prefix, true), [process.execPath], false), args, true), first = _a[0], rest = _a.slice(1);
    return { command: first !== null && first !== void 0 ? first : process.execPath, args: rest };
}
