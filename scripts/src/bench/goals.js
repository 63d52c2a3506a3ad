"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.judgeGoals = judgeGoals;
var MiB = 1024 * 1024;
var fmt = function (x, digits) {
    if (digits === void 0) { digits = 2; }
    return (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
};
/** Each goal of issue 6, judged on this run's medians (ratios measured side by side, not absolutes). */
function judgeGoals(report) {
    var byName = new Map(report.scenarios.map(function (s) { return [s.name, s]; }));
    var goals = [];
    var ratioGoal = function (name, goal, target) {
        var s = byName.get(name);
        var r = s === null || s === void 0 ? void 0 : s.ratio;
        goals.push({
            goal: goal,
            target: "protected/health \u2265 ".concat(target.toFixed(2)),
            measured: r ? "".concat(fmt(r.median), " (rounds ").concat(fmt(r.min), "\u2013").concat(fmt(r.max), ")").concat((s === null || s === void 0 ? void 0 : s.tokensReused) ? ', pool ran out' : '') : 'not measured',
            status: !r || Number.isNaN(r.median) ? 'SKIP' : r.median >= target && !(s === null || s === void 0 ? void 0 : s.tokensReused) ? 'PASS' : 'MISS',
        });
    };
    ratioGoal('reused', 'one token reused', 0.9);
    ratioGoal('distinct', 'a new token every request', 0.45);
    var f = report.fetches;
    var extra = f.afterUnknownKid.jwks - f.afterRounds.jwks;
    var steady = f.afterRounds.discovery === 1 && f.afterRounds.jwks === 1 && f.afterWarmup.jwks === 1;
    goals.push({
        goal: 'discovery and JWKS fetches per run',
        target: "1 + 1 under load and bad signatures; unknown kids: \u2264 ".concat(f.unknownKidRefetchesAllowed, " refetch (30 s cooldown)"),
        measured: "discovery ".concat(f.afterRounds.discovery, ", JWKS ").concat(f.afterRounds.jwks, " after all rounds; +").concat(extra, " JWKS, +").concat(f.afterUnknownKid.discovery - f.afterRounds.discovery, " discovery in ").concat(fmt(f.unknownKidSeconds, 1), " s of unknown kids"),
        status: steady && extra <= f.unknownKidRefetchesAllowed && f.afterUnknownKid.discovery === 1 ? 'PASS' : 'MISS',
    });
    var rss = report.service.peakRssBytes;
    goals.push({
        goal: 'service peak memory under load',
        target: '≤ 140 MiB',
        measured: rss === null ? 'not readable here' : "".concat(fmt(rss / MiB, 1), " MiB (VmHWM)"),
        status: rss === null ? 'SKIP' : rss <= 140 * MiB ? 'PASS' : 'MISS',
    });
    var dev = report.devStartup;
    if ('skipped' in dev) {
        goals.push({ goal: '`pnpm dev` to every part ready', target: '≤ 3 s', measured: dev.skipped, status: 'SKIP' });
    }
    else {
        var slowest = Math.max.apply(Math, dev.runs.map(function (r) { return (r.ready ? r.ms : Number.POSITIVE_INFINITY); }));
        goals.push({
            goal: '`pnpm dev` to every part ready',
            target: '≤ 3 s',
            measured: dev.runs.map(function (r) { return (r.ready ? "".concat(fmt(r.ms / 1000), " s") : 'not ready'); }).join(', '),
            status: slowest <= 3000 ? 'PASS' : 'MISS',
        });
    }
    var bundle = report.bundle;
    goals.push('skipped' in bundle
        ? { goal: 'SPA production JavaScript, gzipped', target: '≤ 60 kB', measured: bundle.skipped, status: 'SKIP' }
        : {
            goal: 'SPA production JavaScript, gzipped',
            target: '≤ 60 kB',
            measured: "".concat(fmt(bundle.jsGzipBytes / 1000, 1), " kB (").concat(bundle.jsGzipBytes, " bytes; ").concat(fmt(bundle.jsBytes / 1000, 1), " kB raw)"),
            status: bundle.jsGzipBytes <= 60000 ? 'PASS' : 'MISS',
        });
    goals.push({
        goal: 'login round trip in the browser',
        target: '≤ 1 s',
        measured: 'not measured by pnpm bench (needs the browser flow)',
        status: 'SKIP',
    });
    return goals;
}
