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
Object.defineProperty(exports, "__esModule", { value: true });
exports.runBench = runBench;
var node_fs_1 = require("node:fs");
var node_path_1 = require("node:path");
var node_url_1 = require("node:url");
var bundle_size_ts_1 = require("./bundle-size.ts");
var cpu_pinning_ts_1 = require("./cpu-pinning.ts");
var cpu_profile_ts_1 = require("./cpu-profile.ts");
var dev_startup_ts_1 = require("./dev-startup.ts");
var goals_ts_1 = require("./goals.ts");
var machine_ts_1 = require("./machine.ts");
var measure_service_ts_1 = require("./measure-service.ts");
var APP = 'apps/contacts';
var PROFILE_EXIT = (0, node_url_1.fileURLToPath)(new URL('./profile-exit.ts', import.meta.url));
/** Runs the selected parts and returns the full report (goals judged, failures listed). */
function runBench(options, repoRoot, log) {
    return __awaiter(this, void 0, void 0, function () {
        var startedAt, pinning, machine, failures, measured, profileDir, newest, devStartup, _a, bundle, _b, zero, fetches, partial, goals;
        var _c, _d, _e, _f;
        return __generator(this, function (_g) {
            switch (_g.label) {
                case 0:
                    startedAt = new Date().toISOString();
                    pinning = (0, cpu_pinning_ts_1.detectPinning)();
                    machine = (0, machine_ts_1.machineInfo)(pinning);
                    failures = [];
                    if (!options.service) return [3 /*break*/, 2];
                    profileDir = (0, node_path_1.join)(repoRoot, 'bench-results/profiles', startedAt.replace(/[:.]/g, '-'));
                    if (options.cpuProf)
                        (0, node_fs_1.mkdirSync)(profileDir, { recursive: true });
                    return [4 /*yield*/, (0, measure_service_ts_1.measureService)({
                            repoRoot: repoRoot,
                            appDir: APP,
                            audience: 'organize',
                            scenarios: options.scenarios,
                            rounds: options.rounds,
                            seconds: options.seconds,
                            warmupSeconds: options.warmupSeconds,
                            connections: options.connections,
                            maxPerRound: options.quick ? 3000 : 40000,
                            unknownKidSeconds: options.quick ? 1 : 3,
                            nodeFlags: options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
                            preloads: options.cpuProf ? [PROFILE_EXIT] : [],
                            log: log,
                        }, pinning)];
                case 1:
                    measured = _g.sent();
                    failures.push.apply(failures, measured.failures);
                    if (options.cpuProf) {
                        newest = (0, node_fs_1.readdirSync)(profileDir).filter(function (f) { return f.endsWith('.cpuprofile'); }).sort().pop();
                        if (newest)
                            log((0, cpu_profile_ts_1.formatProfile)((0, node_path_1.join)(profileDir, newest), (0, cpu_profile_ts_1.summarizeProfile)((0, node_path_1.join)(profileDir, newest))));
                        else
                            log("no CPU profile was written to ".concat(profileDir));
                    }
                    _g.label = 2;
                case 2:
                    if (!options.devStartup) return [3 /*break*/, 4];
                    return [4 /*yield*/, (0, dev_startup_ts_1.measureDevStartup)(repoRoot, 2, log)];
                case 3:
                    _a = _g.sent();
                    return [3 /*break*/, 5];
                case 4:
                    _a = { skipped: 'not selected' };
                    _g.label = 5;
                case 5:
                    devStartup = _a;
                    if (!options.bundle) return [3 /*break*/, 7];
                    return [4 /*yield*/, (0, bundle_size_ts_1.measureBundle)(repoRoot, log)];
                case 6:
                    _b = _g.sent();
                    return [3 /*break*/, 8];
                case 7:
                    _b = { skipped: 'not selected' };
                    _g.label = 8;
                case 8:
                    bundle = _b;
                    zero = { discovery: 0, jwks: 0, other: 0 };
                    fetches = (_c = measured === null || measured === void 0 ? void 0 : measured.fetches) !== null && _c !== void 0 ? _c : { afterWarmup: zero, afterRounds: zero, afterUnknownKid: zero, unknownKidSeconds: 0, unknownKidRefetchesAllowed: 0 };
                    partial = {
                        version: 1,
                        startedAt: startedAt,
                        finishedAt: new Date().toISOString(),
                        mode: options.quick ? 'quick' : 'full',
                        machine: machine,
                        settings: {
                            rounds: options.rounds,
                            seconds: options.seconds,
                            warmupSeconds: options.warmupSeconds,
                            connections: options.connections,
                            distinctPerRound: (_d = measured === null || measured === void 0 ? void 0 : measured.distinctPerRound) !== null && _d !== void 0 ? _d : 0,
                        },
                        service: {
                            app: APP,
                            command: "".concat(pinning.pinned ? 'taskset -c 0 ' : '', "node --import tsx src/index.ts"),
                            peakRssBytes: (_e = measured === null || measured === void 0 ? void 0 : measured.peakRssBytes) !== null && _e !== void 0 ? _e : null,
                            cacheDetected: hasTokenCache(repoRoot),
                        },
                        scenarios: (_f = measured === null || measured === void 0 ? void 0 : measured.scenarios) !== null && _f !== void 0 ? _f : [],
                        fetches: fetches,
                        devStartup: devStartup,
                        bundle: bundle,
                        failures: failures,
                    };
                    goals = (0, goals_ts_1.judgeGoals)(partial).filter(function (g) { return options.service || !isServiceGoal(g.goal); });
                    return [2 /*return*/, __assign(__assign({}, partial), { goals: goals })];
            }
        });
    });
}
function isServiceGoal(goal) {
    return /token|fetches|memory/.test(goal);
}
/** Whether packages/auth has a verified-token cache (a source file with "cache" in its name). */
function hasTokenCache(repoRoot) {
    var dir = (0, node_path_1.join)(repoRoot, 'packages/auth/src');
    if (!(0, node_fs_1.existsSync)(dir))
        return false;
    return (0, node_fs_1.readdirSync)(dir).some(function (f) { return /cache/i.test(f) && (0, node_fs_1.statSync)((0, node_path_1.join)(dir, f)).isFile(); });
}
