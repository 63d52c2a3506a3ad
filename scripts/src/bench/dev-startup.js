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
exports.measureDevStartup = measureDevStartup;
var node_child_process_1 = require("node:child_process");
var node_fs_1 = require("node:fs");
var node_net_1 = require("node:net");
var node_path_1 = require("node:path");
var env_1 = require("@organizer/env");
/** What "every part ready" means: each default port answers its own readiness URL with 2xx. */
var PARTS = [
    { name: 'local tenant', port: 4000, path: '/.well-known/openid-configuration' },
    { name: 'contacts', port: 3001, path: '/health' },
    { name: 'calendar', port: 3002, path: '/health' },
    { name: 'spa', port: 3000, path: '/' },
];
var TIMEOUT_MS = 60000;
/**
 * Time from spawning `pnpm dev` to every part answering, `runs` times. Skipped when scripts/src/dev.ts
 * does not exist yet or a default port is already taken (another `pnpm dev` or a browser test).
 */
function measureDevStartup(repoRoot, runs, log) {
    return __awaiter(this, void 0, void 0, function () {
        var results, i, busy, _i, PARTS_1, part, _a, _b;
        return __generator(this, function (_c) {
            switch (_c.label) {
                case 0:
                    if (!(0, node_fs_1.existsSync)((0, node_path_1.join)(repoRoot, 'scripts/src/dev.ts')))
                        return [2 /*return*/, { skipped: 'scripts/src/dev.ts does not exist yet' }];
                    results = [];
                    i = 0;
                    _c.label = 1;
                case 1:
                    if (!(i < runs)) return [3 /*break*/, 8];
                    busy = [];
                    _i = 0, PARTS_1 = PARTS;
                    _c.label = 2;
                case 2:
                    if (!(_i < PARTS_1.length)) return [3 /*break*/, 5];
                    part = PARTS_1[_i];
                    return [4 /*yield*/, portInUse(part.port)];
                case 3:
                    if (_c.sent())
                        busy.push(part.port);
                    _c.label = 4;
                case 4:
                    _i++;
                    return [3 /*break*/, 2];
                case 5:
                    if (busy.length) {
                        return [2 /*return*/, results.length ? { runs: results, note: "later runs skipped: port ".concat(busy.join(', '), " in use") } : { skipped: "port ".concat(busy.join(', '), " already in use") }];
                    }
                    log("pnpm dev start-up, run ".concat(i + 1, "/").concat(runs));
                    _b = (_a = results).push;
                    return [4 /*yield*/, oneRun(repoRoot)];
                case 6:
                    _b.apply(_a, [_c.sent()]);
                    _c.label = 7;
                case 7:
                    i++;
                    return [3 /*break*/, 1];
                case 8: return [2 /*return*/, { runs: results }];
            }
        });
    });
}
function oneRun(repoRoot) {
    return __awaiter(this, void 0, void 0, function () {
        var env, started, child, output, exited, exit, pending, _i, _a, part, ms, ready, stopped, _b, PARTS_2, part, i, _c;
        var _d, _e;
        return __generator(this, function (_f) {
            switch (_f.label) {
                case 0:
                    env = __assign(__assign({}, (0, env_1.readEnv)(process.env)), { CI: '1', FORCE_COLOR: '0', NO_COLOR: '1' });
                    started = performance.now();
                    child = (0, node_child_process_1.spawn)('pnpm', ['dev'], { cwd: repoRoot, env: env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
                    output = '';
                    (_d = child.stdout) === null || _d === void 0 ? void 0 : _d.on('data', function (c) { return (output += c.toString()); });
                    (_e = child.stderr) === null || _e === void 0 ? void 0 : _e.on('data', function (c) { return (output += c.toString()); });
                    exited = false;
                    exit = new Promise(function (resolve) { return child.once('exit', function () { return ((exited = true), resolve()); }); });
                    pending = new Set(PARTS);
                    _f.label = 1;
                case 1:
                    if (!(pending.size && !exited && performance.now() - started < TIMEOUT_MS)) return [3 /*break*/, 8];
                    _i = 0, _a = __spreadArray([], pending, true);
                    _f.label = 2;
                case 2:
                    if (!(_i < _a.length)) return [3 /*break*/, 5];
                    part = _a[_i];
                    return [4 /*yield*/, answers(part.port, part.path)];
                case 3:
                    if (_f.sent())
                        pending.delete(part);
                    _f.label = 4;
                case 4:
                    _i++;
                    return [3 /*break*/, 2];
                case 5:
                    if (!pending.size) return [3 /*break*/, 7];
                    return [4 /*yield*/, new Promise(function (r) { return setTimeout(r, 25); })];
                case 6:
                    _f.sent();
                    _f.label = 7;
                case 7: return [3 /*break*/, 1];
                case 8:
                    ms = performance.now() - started;
                    ready = pending.size === 0;
                    if (!ready)
                        process.stderr.write("pnpm dev: not ready (".concat(__spreadArray([], pending, true).map(function (p) { return p.name; }).join(', '), "):\n").concat(output.slice(-2000), "\n"));
                    if (!(!exited && child.pid !== undefined)) return [3 /*break*/, 11];
                    process.kill(-child.pid, 'SIGINT');
                    return [4 /*yield*/, Promise.race([exit.then(function () { return true; }), new Promise(function (r) { return setTimeout(function () { return r(false); }, 10000); })])];
                case 9:
                    stopped = _f.sent();
                    if (!!stopped) return [3 /*break*/, 11];
                    process.kill(-child.pid, 'SIGKILL');
                    return [4 /*yield*/, exit];
                case 10:
                    _f.sent();
                    _f.label = 11;
                case 11:
                    _b = 0, PARTS_2 = PARTS;
                    _f.label = 12;
                case 12:
                    if (!(_b < PARTS_2.length)) return [3 /*break*/, 19];
                    part = PARTS_2[_b];
                    i = 0;
                    _f.label = 13;
                case 13:
                    _c = i < 100;
                    if (!_c) return [3 /*break*/, 15];
                    return [4 /*yield*/, portInUse(part.port)];
                case 14:
                    _c = (_f.sent());
                    _f.label = 15;
                case 15:
                    if (!_c) return [3 /*break*/, 18];
                    return [4 /*yield*/, new Promise(function (r) { return setTimeout(r, 100); })];
                case 16:
                    _f.sent();
                    _f.label = 17;
                case 17:
                    i++;
                    return [3 /*break*/, 13];
                case 18:
                    _b++;
                    return [3 /*break*/, 12];
                case 19: return [2 /*return*/, { ms: ms, ready: ready }];
            }
        });
    });
}
function answers(port, path) {
    return __awaiter(this, void 0, void 0, function () {
        var res, _a;
        return __generator(this, function (_b) {
            switch (_b.label) {
                case 0:
                    _b.trys.push([0, 3, , 4]);
                    return [4 /*yield*/, fetch("http://localhost:".concat(port).concat(path), { signal: AbortSignal.timeout(1000) })];
                case 1:
                    res = _b.sent();
                    return [4 /*yield*/, res.arrayBuffer()];
                case 2:
                    _b.sent();
                    return [2 /*return*/, res.ok];
                case 3:
                    _a = _b.sent();
                    return [2 /*return*/, false];
                case 4: return [2 /*return*/];
            }
        });
    });
}
function portInUse(port) {
    return new Promise(function (resolve) {
        var socket = (0, node_net_1.connect)({ port: port, host: 'localhost' });
        socket.once('connect', function () { return (socket.destroy(), resolve(true)); });
        socket.once('error', function () { return resolve(false); });
    });
}
