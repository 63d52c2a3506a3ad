"use strict";
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
exports.startLoadGenerator = startLoadGenerator;
var node_child_process_1 = require("node:child_process");
var node_url_1 = require("node:url");
var cpu_pinning_ts_1 = require("./cpu-pinning.ts");
var WORKER = (0, node_url_1.fileURLToPath)(new URL('./load-worker.ts', import.meta.url));
function startLoadGenerator(pinning, repoRoot) {
    return __awaiter(this, void 0, void 0, function () {
        var _a, command, args, child, pending, nextId, exited;
        return __generator(this, function (_b) {
            switch (_b.label) {
                case 0:
                    _a = (0, cpu_pinning_ts_1.pinnedCommand)(pinning, 1, ['--import', 'tsx', WORKER]), command = _a.command, args = _a.args;
                    child = (0, node_child_process_1.spawn)(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
                    pending = new Map();
                    nextId = 1;
                    exited = false;
                    return [4 /*yield*/, new Promise(function (resolve, reject) {
                            var onExit = function (code) { return reject(new Error("load generator exited early (code ".concat(code, ")"))); };
                            child.once('exit', onExit);
                            child.once('error', reject);
                            child.once('message', function (m) {
                                child.off('exit', onExit);
                                if (m.type === 'ready')
                                    resolve();
                                else
                                    reject(new Error('load generator did not start'));
                            });
                        })];
                case 1:
                    _b.sent();
                    child.on('message', function (m) {
                        if (m.type === 'ready')
                            return;
                        var waiter = pending.get(m.id);
                        pending.delete(m.id);
                        if (m.type === 'result')
                            waiter === null || waiter === void 0 ? void 0 : waiter.resolve(m.result);
                        else
                            waiter === null || waiter === void 0 ? void 0 : waiter.reject(new Error("load generator: ".concat(m.message)));
                    });
                    child.on('exit', function (code) {
                        exited = true;
                        for (var _i = 0, _a = pending.values(); _i < _a.length; _i++) {
                            var waiter = _a[_i];
                            waiter.reject(new Error("load generator exited (code ".concat(code, ")")));
                        }
                        pending.clear();
                    });
                    return [2 /*return*/, {
                            run: function (job) {
                                if (exited)
                                    return Promise.reject(new Error('load generator is not running'));
                                var id = nextId++;
                                return new Promise(function (resolve, reject) {
                                    pending.set(id, { resolve: resolve, reject: reject });
                                    var message = { type: 'run', id: id, job: job };
                                    child.send(message);
                                });
                            },
                            close: function () {
                                if (exited)
                                    return Promise.resolve();
                                return new Promise(function (resolve) {
                                    var timer = setTimeout(function () { return child.kill('SIGKILL'); }, 5000);
                                    child.once('exit', function () {
                                        clearTimeout(timer);
                                        resolve();
                                    });
                                    var message = { type: 'exit' };
                                    child.send(message);
                                });
                            },
                        }];
            }
        });
    });
}
