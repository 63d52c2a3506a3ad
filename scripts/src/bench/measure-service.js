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
exports.measureService = measureService;
var issuer_ts_1 = require("./issuer.ts");
var load_client_ts_1 = require("./load-client.ts");
var free_port_ts_1 = require("./free-port.ts");
var scenarios_ts_1 = require("./scenarios.ts");
var service_process_ts_1 = require("./service-process.ts");
var stats_ts_1 = require("./stats.ts");
var summarize_ts_1 = require("./summarize.ts");
var tokens_ts_1 = require("./tokens.ts");
/** The library's default cooldown between key-set refetches for an unknown `kid`. */
var JWKS_COOLDOWN_SECONDS = 30;
function measureService(options, pinning) {
    return __awaiter(this, void 0, void 0, function () {
        var log, issuer, service, load, claims, reused, bad, unknownKids, warmPool, port, job, tokensFor, _i, _a, name_1, distinct, warmDistinct, _b, afterWarmup, perRound, spare, pool, _c, rounds_1, poolSizes_1, round, results, _d, _e, name_2, slice, _f, _g, _h, _j, _k, _l, health, _m, results_1, _o, name_3, result, afterRounds, healthMedian, started, unknown, _p, unknownKidSeconds, afterUnknownKid, peakRssBytes, scenarios, failures, _q, scenarios_1, s, code;
        var _r, _s, _t;
        return __generator(this, function (_u) {
            switch (_u.label) {
                case 0:
                    log = options.log;
                    return [4 /*yield*/, (0, issuer_ts_1.startLocalIssuer)()];
                case 1:
                    issuer = _u.sent();
                    _u.label = 2;
                case 2:
                    _u.trys.push([2, , 33, 37]);
                    claims = { issuer: issuer.url, audience: options.audience, scope: 'read:contacts', ttlSeconds: 3600 };
                    return [4 /*yield*/, (0, tokens_ts_1.mintToken)(issuer.privateKey, issuer.kid, claims, 'reused')];
                case 3:
                    reused = _u.sent();
                    return [4 /*yield*/, (0, tokens_ts_1.mintBadSignature)(issuer.kid, claims)];
                case 4:
                    bad = _u.sent();
                    return [4 /*yield*/, (0, tokens_ts_1.mintUnknownKids)(claims, 100)];
                case 5:
                    unknownKids = _u.sent();
                    return [4 /*yield*/, (0, tokens_ts_1.mintPool)(issuer.privateKey, issuer.kid, claims, 1000 + options.connections * 2, 'warm')];
                case 6:
                    warmPool = _u.sent();
                    return [4 /*yield*/, (0, free_port_ts_1.freePort)()];
                case 7:
                    port = _u.sent();
                    log("starting ".concat(options.appDir, " on port ").concat(port, " against ").concat(issuer.url));
                    return [4 /*yield*/, (0, service_process_ts_1.startService)(__assign(__assign({}, options), { port: port, issuerUrl: issuer.url }), pinning)];
                case 8:
                    service = _u.sent();
                    return [4 /*yield*/, (0, load_client_ts_1.startLoadGenerator)(pinning, options.repoRoot)];
                case 9:
                    load = _u.sent();
                    return [4 /*yield*/, checkStatuses(service, reused, bad)];
                case 10:
                    _u.sent();
                    job = function (scenario, tokens, extra) {
                        if (extra === void 0) { extra = {}; }
                        return (__assign({ url: service.baseUrl + scenario.path, connections: options.connections, duration: options.seconds, tokens: tokens }, extra));
                    };
                    tokensFor = {
                        health: [],
                        reused: [reused],
                        'bad-signature': [bad],
                    };
                    log("warm-up: ".concat(options.warmupSeconds, " s per scenario"));
                    _i = 0, _a = ['health', 'reused', 'bad-signature'];
                    _u.label = 11;
                case 11:
                    if (!(_i < _a.length)) return [3 /*break*/, 14];
                    name_1 = _a[_i];
                    if (!options.scenarios.includes(name_1)) return [3 /*break*/, 13];
                    return [4 /*yield*/, load.run(job(scenarios_ts_1.SCENARIOS[name_1], tokensFor[name_1], { duration: options.warmupSeconds }))];
                case 12:
                    _u.sent();
                    _u.label = 13;
                case 13:
                    _i++;
                    return [3 /*break*/, 11];
                case 14:
                    distinct = options.scenarios.includes('distinct');
                    if (!distinct) return [3 /*break*/, 16];
                    return [4 /*yield*/, load.run(job(scenarios_ts_1.SCENARIOS.distinct, warmPool, { amount: warmPool.length - options.connections * 2 }))];
                case 15:
                    _b = (_u.sent()).reqPerSec;
                    return [3 /*break*/, 17];
                case 16:
                    _b = 0;
                    _u.label = 17;
                case 17:
                    warmDistinct = _b;
                    afterWarmup = issuer.counts();
                    perRound = Math.max(500, Math.min(options.maxPerRound, Math.ceil(warmDistinct * options.seconds * 1.5)));
                    spare = options.connections * 2;
                    if (distinct)
                        log("minting ".concat(options.rounds, " \u00D7 ").concat(perRound + spare, " tokens (warm-up saw ").concat(Math.round(warmDistinct), " req/s with new tokens)"));
                    if (!distinct) return [3 /*break*/, 19];
                    return [4 /*yield*/, (0, tokens_ts_1.mintPool)(issuer.privateKey, issuer.kid, claims, options.rounds * (perRound + spare), 'pool')];
                case 18:
                    _c = _u.sent();
                    return [3 /*break*/, 20];
                case 19:
                    _c = [];
                    _u.label = 20;
                case 20:
                    pool = _c;
                    rounds_1 = new Map();
                    poolSizes_1 = [];
                    round = 0;
                    _u.label = 21;
                case 21:
                    if (!(round < options.rounds)) return [3 /*break*/, 29];
                    results = new Map();
                    _d = 0, _e = (0, scenarios_ts_1.roundOrder)(round, options.scenarios);
                    _u.label = 22;
                case 22:
                    if (!(_d < _e.length)) return [3 /*break*/, 27];
                    name_2 = _e[_d];
                    if (!(name_2 === 'distinct')) return [3 /*break*/, 24];
                    slice = pool.slice(round * (perRound + spare), (round + 1) * (perRound + spare));
                    poolSizes_1.push(slice.length);
                    _g = (_f = results).set;
                    _h = [name_2];
                    return [4 /*yield*/, load.run(job(scenarios_ts_1.SCENARIOS.distinct, slice, { amount: perRound }))];
                case 23:
                    _g.apply(_f, _h.concat([_u.sent()]));
                    return [3 /*break*/, 26];
                case 24:
                    if (!(name_2 !== 'unknown-kid')) return [3 /*break*/, 26];
                    _k = (_j = results).set;
                    _l = [name_2];
                    return [4 /*yield*/, load.run(job(scenarios_ts_1.SCENARIOS[name_2], tokensFor[name_2]))];
                case 25:
                    _k.apply(_j, _l.concat([_u.sent()]));
                    _u.label = 26;
                case 26:
                    _d++;
                    return [3 /*break*/, 22];
                case 27:
                    health = (_r = results.get('health')) === null || _r === void 0 ? void 0 : _r.reqPerSec;
                    for (_m = 0, results_1 = results; _m < results_1.length; _m++) {
                        _o = results_1[_m], name_3 = _o[0], result = _o[1];
                        rounds_1.set(name_3, __spreadArray(__spreadArray([], ((_s = rounds_1.get(name_3)) !== null && _s !== void 0 ? _s : []), true), [(0, summarize_ts_1.roundFigures)(round + 1, result, health)], false));
                    }
                    log("round ".concat(round + 1, "/").concat(options.rounds, ": ").concat(__spreadArray([], results, true).map(function (_a) {
                        var n = _a[0], r = _a[1];
                        return "".concat(n, " ").concat(Math.round(r.reqPerSec), "/s");
                    }).join(', ')));
                    _u.label = 28;
                case 28:
                    round++;
                    return [3 /*break*/, 21];
                case 29:
                    afterRounds = issuer.counts();
                    healthMedian = (0, stats_ts_1.median)(((_t = rounds_1.get('health')) !== null && _t !== void 0 ? _t : []).map(function (r) { return r.reqPerSec; }));
                    started = Date.now();
                    if (!(options.unknownKidSeconds > 0)) return [3 /*break*/, 31];
                    return [4 /*yield*/, load.run(job(scenarios_ts_1.SCENARIOS['unknown-kid'], unknownKids, { duration: options.unknownKidSeconds, cycle: true }))];
                case 30:
                    _p = _u.sent();
                    return [3 /*break*/, 32];
                case 31:
                    _p = undefined;
                    _u.label = 32;
                case 32:
                    unknown = _p;
                    unknownKidSeconds = (Date.now() - started) / 1000;
                    afterUnknownKid = issuer.counts();
                    peakRssBytes = service.peakRssBytes();
                    scenarios = scenarios_ts_1.ROUND_SCENARIOS.filter(function (name) { return options.scenarios.includes(name); }).map(function (name) { var _a; return (0, summarize_ts_1.summarizeScenario)(scenarios_ts_1.SCENARIOS[name], (_a = rounds_1.get(name)) !== null && _a !== void 0 ? _a : [], name === 'distinct' ? poolSizes_1 : []); });
                    if (unknown)
                        scenarios.push((0, summarize_ts_1.summarizeScenario)(scenarios_ts_1.SCENARIOS['unknown-kid'], [(0, summarize_ts_1.roundFigures)(1, unknown, healthMedian)]));
                    failures = [];
                    for (_q = 0, scenarios_1 = scenarios; _q < scenarios_1.length; _q++) {
                        s = scenarios_1[_q];
                        if (s.unexpected > 0) {
                            failures.push("".concat(s.label, ": ").concat(s.unexpected, " responses were not ").concat(s.expectedStatus, " or failed (statuses ").concat(JSON.stringify(s.statusCounts), ")"));
                        }
                    }
                    return [2 /*return*/, {
                            scenarios: scenarios,
                            fetches: {
                                afterWarmup: afterWarmup,
                                afterRounds: afterRounds,
                                afterUnknownKid: afterUnknownKid,
                                unknownKidSeconds: unknownKidSeconds,
                                unknownKidRefetchesAllowed: 1 + Math.floor(unknownKidSeconds / JWKS_COOLDOWN_SECONDS),
                            },
                            peakRssBytes: peakRssBytes,
                            distinctPerRound: perRound,
                            failures: failures,
                        }];
                case 33: return [4 /*yield*/, (load === null || load === void 0 ? void 0 : load.close())];
                case 34:
                    _u.sent();
                    return [4 /*yield*/, (service === null || service === void 0 ? void 0 : service.stop())];
                case 35:
                    code = _u.sent();
                    if (service && code !== 0 && code !== null)
                        log("".concat(options.appDir, " exited with code ").concat(code));
                    return [4 /*yield*/, closeQuietly(issuer)];
                case 36:
                    _u.sent();
                    return [7 /*endfinally*/];
                case 37: return [2 /*return*/];
            }
        });
    });
}
/** One request per expected status before any load, so a broken service fails fast and clearly. */
function checkStatuses(service, token, badToken) {
    return __awaiter(this, void 0, void 0, function () {
        var expectations, _i, expectations_1, _a, path, headers, expected, res, body;
        return __generator(this, function (_b) {
            switch (_b.label) {
                case 0:
                    expectations = [
                        ['/health', {}, 200],
                        ['/api/contacts', {}, 401],
                        ['/api/contacts', { authorization: "Bearer ".concat(token) }, 200],
                        ['/api/contacts', { authorization: "Bearer ".concat(badToken) }, 401],
                    ];
                    _i = 0, expectations_1 = expectations;
                    _b.label = 1;
                case 1:
                    if (!(_i < expectations_1.length)) return [3 /*break*/, 5];
                    _a = expectations_1[_i], path = _a[0], headers = _a[1], expected = _a[2];
                    return [4 /*yield*/, fetch(service.baseUrl + path, { headers: headers })];
                case 2:
                    res = _b.sent();
                    return [4 /*yield*/, res.text()];
                case 3:
                    body = _b.sent();
                    if (res.status !== expected) {
                        throw new Error("GET ".concat(path).concat(headers.authorization ? ' (with a token)' : '', " answered ").concat(res.status, ", expected ").concat(expected, ": ").concat(body.slice(0, 300)));
                    }
                    _b.label = 4;
                case 4:
                    _i++;
                    return [3 /*break*/, 1];
                case 5: return [2 /*return*/];
            }
        });
    });
}
function closeQuietly(issuer) {
    return __awaiter(this, void 0, void 0, function () {
        var _a;
        return __generator(this, function (_b) {
            switch (_b.label) {
                case 0:
                    _b.trys.push([0, 2, , 3]);
                    return [4 /*yield*/, issuer.close()];
                case 1:
                    _b.sent();
                    return [3 /*break*/, 3];
                case 2:
                    _a = _b.sent();
                    return [3 /*break*/, 3];
                case 3: return [2 /*return*/];
            }
        });
    });
}
