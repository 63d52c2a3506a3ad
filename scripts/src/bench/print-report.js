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
exports.formatReport = formatReport;
var MiB = 1024 * 1024;
function table(rows) {
    var _a, _b;
    var widths = (_b = (_a = rows[0]) === null || _a === void 0 ? void 0 : _a.map(function (_, col) { return Math.max.apply(Math, rows.map(function (r) { var _a; return ((_a = r[col]) !== null && _a !== void 0 ? _a : '').length; })); })) !== null && _b !== void 0 ? _b : [];
    return rows.map(function (r) { return r.map(function (cell, col) { var _a; return cell.padEnd((_a = widths[col]) !== null && _a !== void 0 ? _a : 0); }).join('  ').trimEnd(); }).join('\n');
}
var num = function (x, digits) {
    if (digits === void 0) { digits = 0; }
    return (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
};
/** The human-readable report: the scenario table, fetch counts, memory, start-up, bundle and goals. */
function formatReport(report) {
    var m = report.machine;
    var out = [];
    out.push("Organizer benchmark (".concat(report.mode, ") \u2014 ").concat(report.startedAt), "machine: ".concat(m.cores, " cores, ").concat(m.cpuModel, ", node ").concat(m.node, ", ").concat(m.platform, "; load average ").concat(m.loadAverage.join(' ')), "pinning: ".concat(m.pinned ? 'yes' : 'no', " (").concat(m.pinning, ")"), "service: ".concat(report.service.app, " (").concat(report.service.command, "); verified-token cache in packages/auth: ").concat(report.service.cacheDetected ? 'yes' : 'no'), "settings: ".concat(report.settings.rounds, " interleaved rounds \u00D7 ").concat(report.settings.seconds, " s, ").concat(report.settings.connections, " connections, warm-up ").concat(report.settings.warmupSeconds, " s, ").concat(report.settings.distinctPerRound, " fresh tokens per round"), '');
    var rows = [['scenario', 'req/s (median)', 'ratio to /health (median, min–max)', 'p50 ms', 'p99 ms', 'statuses', 'unexpected']];
    for (var _i = 0, _a = report.scenarios; _i < _a.length; _i++) {
        var s = _a[_i];
        var ratio = s.name === 'health' ? '1' : "".concat(num(s.ratio.median, 2), " (").concat(num(s.ratio.min, 2), "\u2013").concat(num(s.ratio.max, 2), ")");
        rows.push([
            s.label,
            num(s.reqPerSec.median),
            s.name === 'unknown-kid' ? "".concat(num(s.ratio.median, 2), " (vs median /health)") : ratio,
            num(s.p50Ms, 1),
            num(s.p99Ms, 1),
            Object.entries(s.statusCounts).map(function (_a) {
                var code = _a[0], n = _a[1];
                return "".concat(code, "\u00D7").concat(n);
            }).join(' '),
            String(s.unexpected) + (s.tokensReused ? ' (pool ran out)' : ''),
        ]);
    }
    out.push(table(rows), '');
    var f = report.fetches;
    out.push("issuer fetches: after warm-up discovery ".concat(f.afterWarmup.discovery, " / JWKS ").concat(f.afterWarmup.jwks, "; ") +
        "after all rounds ".concat(f.afterRounds.discovery, " / ").concat(f.afterRounds.jwks, "; ") +
        "after ".concat(num(f.unknownKidSeconds, 1), " s of unknown kids ").concat(f.afterUnknownKid.discovery, " / ").concat(f.afterUnknownKid.jwks) +
        (f.afterUnknownKid.other ? "; other paths ".concat(f.afterUnknownKid.other) : ''), "service peak RSS (VmHWM of the node process): ".concat(report.service.peakRssBytes === null ? 'n/a' : "".concat(num(report.service.peakRssBytes / MiB, 1), " MiB")));
    var dev = report.devStartup;
    out.push('skipped' in dev
        ? "pnpm dev start-up: skipped (".concat(dev.skipped, ")")
        : "pnpm dev start-up to every part ready: ".concat(dev.runs.map(function (r) { return (r.ready ? "".concat(num(r.ms / 1000, 2), " s") : 'not ready'); }).join(', ')).concat(dev.note ? " (".concat(dev.note, ")") : ''));
    var b = report.bundle;
    out.push('skipped' in b
        ? "SPA bundle: skipped (".concat(b.skipped, ")")
        : "SPA production JavaScript: ".concat(num(b.jsGzipBytes / 1000, 1), " kB gzipped, ").concat(num(b.jsBytes / 1000, 1), " kB raw, in ").concat(b.files.length, " file(s)"), '');
    out.push(table(__spreadArray([['goal', 'target', 'measured', '']], report.goals.map(function (g) { return [g.goal, g.target, g.measured, g.status]; }), true)));
    if (report.failures.length)
        out.push.apply(out, __spreadArray(['', 'FAILURES:'], report.failures.map(function (x) { return "  - ".concat(x); }), false));
    return out.join('\n');
}
