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
exports.USAGE = void 0;
exports.parseOptions = parseOptions;
var node_util_1 = require("node:util");
var scenarios_ts_1 = require("./scenarios.ts");
exports.USAGE = "usage: pnpm bench [--quick] [--json [file]] [--service] [--dev-startup] [--bundle]\n                  [--rounds N] [--seconds S] [--connections C] [--scenarios reused,distinct,...] [--cpu-prof]\n  With none of --service/--dev-startup/--bundle, a full run does all three and --quick only the service.\n  --json without a file writes bench-results/bench-<date>.json.\n  --cpu-prof profiles the service (V8 CPU profile in bench-results/profiles) and prints where time went.";
/** Parses the command line; throws with a readable message on anything unknown. */
function parseOptions(argv, now) {
    var _a, _b;
    if (now === void 0) { now = new Date(); }
    // `--json` takes an optional file, which parseArgs cannot express: give it the default explicitly.
    var args = argv.flatMap(function (arg, i) { var _a; return arg === '--json' && (argv[i + 1] === undefined || ((_a = argv[i + 1]) === null || _a === void 0 ? void 0 : _a.startsWith('--'))) ? [arg, defaultJsonPath(now)] : [arg]; });
    var values = (0, node_util_1.parseArgs)({
        args: args,
        strict: true,
        options: {
            quick: { type: 'boolean', default: false },
            json: { type: 'string' },
            service: { type: 'boolean', default: false },
            'dev-startup': { type: 'boolean', default: false },
            bundle: { type: 'boolean', default: false },
            rounds: { type: 'string' },
            seconds: { type: 'string' },
            connections: { type: 'string' },
            scenarios: { type: 'string' },
            'cpu-prof': { type: 'boolean', default: false },
            help: { type: 'boolean', default: false },
        },
    }).values;
    if (values.help)
        throw new Error(exports.USAGE);
    var quick = (_a = values.quick) !== null && _a !== void 0 ? _a : false;
    var anyPart = values.service || values['dev-startup'] || values.bundle;
    var scenarios = values.scenarios ? parseScenarios(values.scenarios) : __spreadArray([], scenarios_ts_1.ROUND_SCENARIOS, true);
    return {
        quick: quick,
        jsonPath: values.json,
        service: anyPart ? Boolean(values.service) : true,
        devStartup: anyPart ? Boolean(values['dev-startup']) : !quick,
        bundle: anyPart ? Boolean(values.bundle) : !quick,
        rounds: positive('--rounds', values.rounds, quick ? 2 : 5),
        seconds: positive('--seconds', values.seconds, quick ? 1 : 4),
        warmupSeconds: quick ? 1 : 3,
        connections: positive('--connections', values.connections, 16),
        scenarios: scenarios,
        cpuProf: (_b = values['cpu-prof']) !== null && _b !== void 0 ? _b : false,
    };
}
function defaultJsonPath(now) {
    return "bench-results/bench-".concat(now.toISOString().replace(/[:.]/g, '-'), ".json");
}
function positive(flag, value, fallback) {
    if (value === undefined)
        return fallback;
    var n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
        throw new Error("".concat(flag, " must be a positive number (\"").concat(value, "\")\n").concat(exports.USAGE));
    return n;
}
function parseScenarios(value) {
    var names = value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    for (var _i = 0, names_1 = names; _i < names_1.length; _i++) {
        var name_1 = names_1[_i];
        if (!scenarios_ts_1.ROUND_SCENARIOS.includes(name_1)) {
            throw new Error("--scenarios: unknown \"".concat(name_1, "\"; choose from ").concat(scenarios_ts_1.ROUND_SCENARIOS.join(', '), "\n").concat(exports.USAGE));
        }
    }
    // /health is every ratio's denominator, so it always runs.
    return __spreadArray([], new Set(__spreadArray(['health'], names, true)), true);
}
