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
exports.areaOf = areaOf;
exports.summarizeProfile = summarizeProfile;
exports.formatProfile = formatProfile;
var node_fs_1 = require("node:fs");
/** Where a frame's code lives, e.g. "express-oauth2-jwt-bearer", "node:internal", "packages/auth". */
function areaOf(url, functionName) {
    var _a, _b;
    if (!url)
        return functionName.startsWith('(') ? functionName : '(native)';
    var pkg = (_a = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)) === null || _a === void 0 ? void 0 : _a[1];
    if (pkg)
        return pkg;
    if (url.startsWith('node:'))
        return 'node:internal';
    var own = (_b = /\/(apps\/[^/]+|packages\/[^/]+|scripts)\//.exec(url)) === null || _b === void 0 ? void 0 : _b[1];
    return own !== null && own !== void 0 ? own : url;
}
function summarizeProfile(file, top) {
    var _a;
    if (top === void 0) { top = 15; }
    var profile = JSON.parse((0, node_fs_1.readFileSync)(file, 'utf8'));
    var byId = new Map(profile.nodes.map(function (n) { return [n.id, n]; }));
    var parent = new Map();
    for (var _i = 0, _b = profile.nodes; _i < _b.length; _i++) {
        var n = _b[_i];
        for (var _c = 0, _d = (_a = n.children) !== null && _a !== void 0 ? _a : []; _c < _d.length; _c++) {
            var c = _d[_c];
            parent.set(c, n.id);
        }
    }
    var self = new Map();
    var inclusive = new Map();
    var fns = new Map();
    var total = 0;
    var idle = 0;
    profile.samples.forEach(function (id, i) {
        var _a, _b, _c, _d, _e;
        var us = (_a = profile.timeDeltas[i]) !== null && _a !== void 0 ? _a : 0;
        var node = byId.get(id);
        if (!node)
            return;
        total += us;
        var _f = node.callFrame, functionName = _f.functionName, url = _f.url, lineNumber = _f.lineNumber;
        var area = areaOf(url, functionName);
        if (area === '(idle)')
            idle += us;
        self.set(area, ((_b = self.get(area)) !== null && _b !== void 0 ? _b : 0) + us);
        var fn = "".concat(functionName || '(anonymous)', " ").concat(area).concat(url ? ":".concat(lineNumber + 1) : '');
        fns.set(fn, ((_c = fns.get(fn)) !== null && _c !== void 0 ? _c : 0) + us);
        var seen = new Set();
        for (var cur = id; cur !== undefined; cur = parent.get(cur)) {
            var frame = (_d = byId.get(cur)) === null || _d === void 0 ? void 0 : _d.callFrame;
            if (frame)
                seen.add(areaOf(frame.url, frame.functionName));
        }
        for (var _i = 0, seen_1 = seen; _i < seen_1.length; _i++) {
            var a = seen_1[_i];
            inclusive.set(a, ((_e = inclusive.get(a)) !== null && _e !== void 0 ? _e : 0) + us);
        }
    });
    var busy = total - idle || 1;
    var rank = function (m, key) {
        return __spreadArray([], m, true).sort(function (a, b) { return b[1] - a[1]; })
            .slice(0, top)
            .map(function (_a) {
            var _b;
            var name = _a[0], us = _a[1];
            return (_b = {}, _b[key] = name, _b.ms = us / 1000, _b.share = us / busy, _b);
        });
    };
    return {
        totalMs: total / 1000,
        selfByArea: rank(self, 'area'),
        inclusiveByArea: rank(inclusive, 'area'),
        topFunctions: rank(fns, 'fn'),
    };
}
function formatProfile(file, s) {
    var pct = function (x) { return "".concat((x * 100).toFixed(1), "%").padStart(6); };
    return __spreadArray(__spreadArray(__spreadArray(__spreadArray(__spreadArray([
        "CPU profile ".concat(file, " (").concat((s.totalMs / 1000).toFixed(1), " s sampled; shares are of non-idle time)"),
        'self time by area:'
    ], s.selfByArea.map(function (a) { return "  ".concat(pct(a.share), "  ").concat(a.area); }), true), [
        'on the stack (callees included):'
    ], false), s.inclusiveByArea.map(function (a) { return "  ".concat(pct(a.share), "  ").concat(a.area); }), true), [
        'top functions by self time:'
    ], false), s.topFunctions.map(function (f) { return "  ".concat(pct(f.share), "  ").concat(f.fn); }), true).join('\n');
}
