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
Object.defineProperty(exports, "__esModule", { value: true });
exports.roundFigures = roundFigures;
exports.summarizeScenario = summarizeScenario;
var stats_ts_1 = require("./stats.ts");
function roundFigures(round, result, healthReqPerSec) {
    return {
        round: round,
        reqPerSec: result.reqPerSec,
        ratio: healthReqPerSec ? result.reqPerSec / healthReqPerSec : Number.NaN,
        requests: result.requests,
        seconds: result.seconds,
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        statusCounts: result.statusCounts,
        errors: result.errors,
        timeouts: result.timeouts,
        tokensUsed: result.tokensUsed,
    };
}
/** One scenario's rounds folded into medians, spreads and a count of anything unexpected. */
function summarizeScenario(scenario, rounds, poolSizes) {
    var _a;
    if (poolSizes === void 0) { poolSizes = []; }
    var statusCounts = {};
    var unexpected = 0;
    for (var _i = 0, rounds_1 = rounds; _i < rounds_1.length; _i++) {
        var r = rounds_1[_i];
        for (var _b = 0, _c = Object.entries(r.statusCounts); _b < _c.length; _b++) {
            var _d = _c[_b], code = _d[0], count = _d[1];
            statusCounts[code] = ((_a = statusCounts[code]) !== null && _a !== void 0 ? _a : 0) + count;
            if (Number(code) !== scenario.expectedStatus)
                unexpected += count;
        }
        unexpected += r.errors + r.timeouts;
    }
    return __assign(__assign({}, scenario), { rounds: rounds, reqPerSec: (0, stats_ts_1.spread)(rounds.map(function (r) { return r.reqPerSec; })), ratio: (0, stats_ts_1.spread)(rounds.map(function (r) { return r.ratio; }).filter(function (x) { return !Number.isNaN(x); })), p50Ms: (0, stats_ts_1.median)(rounds.map(function (r) { return r.p50Ms; })), p99Ms: (0, stats_ts_1.median)(rounds.map(function (r) { return r.p99Ms; })), unexpected: unexpected, statusCounts: statusCounts, tokensReused: rounds.some(function (r, i) { var _a; return poolSizes[i] !== undefined && r.tokensUsed > ((_a = poolSizes[i]) !== null && _a !== void 0 ? _a : 0); }) });
}
