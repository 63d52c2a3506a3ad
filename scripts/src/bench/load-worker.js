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
/**
 * Entry of the load-generator process. The orchestrator starts it pinned to its own core and sends it
 * jobs over IPC, so autocannon never competes with the service for the service's core.
 */
var autocannon_1 = require("autocannon");
function send(message) {
    var _a;
    (_a = process.send) === null || _a === void 0 ? void 0 : _a.call(process, message);
}
function run(job) {
    return __awaiter(this, void 0, void 0, function () {
        var next, tokens, tokenFor, requests, options, result, statusCounts, _i, _a, _b, code, stat, requestsDone;
        var _c;
        return __generator(this, function (_d) {
            switch (_d.label) {
                case 0:
                    next = 0;
                    tokens = job.tokens;
                    tokenFor = function () {
                        if (tokens.length === 0)
                            return undefined;
                        var token = tokens[job.cycle ? next % tokens.length : Math.min(next, tokens.length - 1)];
                        next += 1;
                        return token;
                    };
                    requests = [
                        {
                            method: 'GET',
                            setupRequest: function (req) {
                                var token = tokenFor();
                                return token ? __assign(__assign({}, req), { headers: __assign(__assign({}, req.headers), { authorization: "Bearer ".concat(token) }) }) : req;
                            },
                        },
                    ];
                    options = __assign({ url: job.url, connections: job.connections, requests: requests }, (job.amount ? { amount: job.amount } : { duration: job.duration }));
                    return [4 /*yield*/, (0, autocannon_1.default)(options)];
                case 1:
                    result = _d.sent();
                    statusCounts = {};
                    for (_i = 0, _a = Object.entries((_c = result.statusCodeStats) !== null && _c !== void 0 ? _c : {}); _i < _a.length; _i++) {
                        _b = _a[_i], code = _b[0], stat = _b[1];
                        statusCounts[code] = stat.count;
                    }
                    requestsDone = result.requests.total;
                    return [2 /*return*/, {
                            requests: requestsDone,
                            seconds: result.duration,
                            reqPerSec: result.duration > 0 ? requestsDone / result.duration : 0,
                            statusCounts: statusCounts,
                            errors: result.errors,
                            timeouts: result.timeouts,
                            p50Ms: result.latency.p50,
                            p99Ms: result.latency.p99,
                            tokensUsed: next,
                        }];
            }
        });
    });
}
process.on('message', function (message) {
    if (message.type === 'exit') {
        process.disconnect();
        return;
    }
    run(message.job).then(function (result) { return send({ type: 'result', id: message.id, result: result }); }, function (err) { return send({ type: 'error', id: message.id, message: err instanceof Error ? err.message : String(err) }); });
});
send({ type: 'ready' });
