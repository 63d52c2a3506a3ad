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
exports.startService = startService;
var node_child_process_1 = require("node:child_process");
var node_fs_1 = require("node:fs");
var node_path_1 = require("node:path");
var env_1 = require("@organizer/env");
var cpu_pinning_ts_1 = require("./cpu-pinning.ts");
/**
 * Starts the service the way `pnpm --filter ./apps/contacts start` does (`tsx src/index.ts`), but as
 * `node --import tsx src/index.ts`: the same loader in one process instead of a tsx wrapper plus a
 * node child, so the pid we pin and whose memory we read is the server itself.
 */
function startService(options, pinning) {
    return __awaiter(this, void 0, void 0, function () {
        var cwd, _a, command, args, env, child, output, exitCode, exited, pid, candidates, baseUrl, service, deadline, _i, candidates_1, candidate, res, _b;
        var _c, _d, _e, _f, _g;
        return __generator(this, function (_h) {
            switch (_h.label) {
                case 0:
                    cwd = (0, node_path_1.join)(options.repoRoot, options.appDir);
                    _a = (0, cpu_pinning_ts_1.pinnedCommand)(pinning, 0, __spreadArray(__spreadArray(__spreadArray(__spreadArray([], ((_c = options.nodeFlags) !== null && _c !== void 0 ? _c : []), true), [
                        '--import',
                        'tsx'
                    ], false), ((_d = options.preloads) !== null && _d !== void 0 ? _d : []).flatMap(function (p) { return ['--import', p]; }), true), [
                        'src/index.ts',
                    ], false)), command = _a.command, args = _a.args;
                    env = __assign(__assign({}, (0, env_1.readEnv)(process.env)), { PORT: String(options.port), ISSUER_BASE_URL: options.issuerUrl, AUDIENCE: options.audience });
                    child = (0, node_child_process_1.spawn)(command, args, { cwd: cwd, env: env, stdio: ['ignore', 'pipe', 'pipe'] });
                    output = '';
                    (_e = child.stdout) === null || _e === void 0 ? void 0 : _e.on('data', function (chunk) { return (output += chunk.toString()); });
                    (_f = child.stderr) === null || _f === void 0 ? void 0 : _f.on('data', function (chunk) { return (output += chunk.toString()); });
                    exited = new Promise(function (resolve) {
                        return child.once('exit', function (code, signal) {
                            exitCode = code !== null && code !== void 0 ? code : (signal ? null : 0);
                            resolve(exitCode);
                        });
                    });
                    pid = child.pid;
                    if (pid === undefined)
                        throw new Error("could not spawn ".concat(command));
                    candidates = ["http://127.0.0.1:".concat(options.port), "http://[::1]:".concat(options.port)];
                    baseUrl = (_g = candidates[0]) !== null && _g !== void 0 ? _g : '';
                    service = {
                        pid: pid,
                        get baseUrl() {
                            return baseUrl;
                        },
                        output: function () { return output; },
                        peakRssBytes: function () { return readPeakRss(pid); },
                        stop: function () {
                            return __awaiter(this, void 0, void 0, function () {
                                var timer, code;
                                return __generator(this, function (_a) {
                                    switch (_a.label) {
                                        case 0:
                                            if (exitCode !== undefined)
                                                return [2 /*return*/, exitCode];
                                            child.kill('SIGTERM');
                                            timer = setTimeout(function () { return child.kill('SIGKILL'); }, 5000);
                                            return [4 /*yield*/, exited];
                                        case 1:
                                            code = _a.sent();
                                            clearTimeout(timer);
                                            return [2 /*return*/, code];
                                    }
                                });
                            });
                        },
                    };
                    deadline = Date.now() + 30000;
                    _h.label = 1;
                case 1:
                    if (exitCode !== undefined)
                        throw new Error("".concat(options.appDir, " exited with code ").concat(exitCode, " before it was ready:\n").concat(output));
                    _i = 0, candidates_1 = candidates;
                    _h.label = 2;
                case 2:
                    if (!(_i < candidates_1.length)) return [3 /*break*/, 7];
                    candidate = candidates_1[_i];
                    _h.label = 3;
                case 3:
                    _h.trys.push([3, 5, , 6]);
                    return [4 /*yield*/, fetch("".concat(candidate, "/health"))];
                case 4:
                    res = _h.sent();
                    if (res.ok) {
                        baseUrl = candidate;
                        return [2 /*return*/, service];
                    }
                    return [3 /*break*/, 6];
                case 5:
                    _b = _h.sent();
                    return [3 /*break*/, 6];
                case 6:
                    _i++;
                    return [3 /*break*/, 2];
                case 7:
                    if (!(Date.now() > deadline)) return [3 /*break*/, 9];
                    return [4 /*yield*/, service.stop()];
                case 8:
                    _h.sent();
                    throw new Error("".concat(options.appDir, " did not answer GET /health with 200 within 30 s:\n").concat(output));
                case 9: return [4 /*yield*/, new Promise(function (r) { return setTimeout(r, 100); })];
                case 10:
                    _h.sent();
                    _h.label = 11;
                case 11: return [3 /*break*/, 1];
                case 12: return [2 /*return*/];
            }
        });
    });
}
function readPeakRss(pid) {
    var _a;
    try {
        var status_1 = (0, node_fs_1.readFileSync)("/proc/".concat(pid, "/status"), 'utf8');
        var kb = (_a = /^VmHWM:\s+(\d+)\s+kB/m.exec(status_1)) === null || _a === void 0 ? void 0 : _a[1];
        return kb === undefined ? undefined : Number(kb) * 1024;
    }
    catch (_b) {
        return undefined;
    }
}
