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
exports.measureBundle = measureBundle;
var node_child_process_1 = require("node:child_process");
var node_fs_1 = require("node:fs");
var node_os_1 = require("node:os");
var node_path_1 = require("node:path");
var node_util_1 = require("node:util");
var node_zlib_1 = require("node:zlib");
var run = (0, node_util_1.promisify)(node_child_process_1.execFile);
/** Builds the SPA for production into a temporary folder and sums its JavaScript, gzipped at level 9. */
function measureBundle(repoRoot, log) {
    return __awaiter(this, void 0, void 0, function () {
        var spa, outDir, err_1, e, detail, files;
        return __generator(this, function (_a) {
            switch (_a.label) {
                case 0:
                    spa = (0, node_path_1.join)(repoRoot, 'apps/spa');
                    if (!(0, node_fs_1.existsSync)((0, node_path_1.join)(spa, 'index.html')))
                        return [2 /*return*/, { skipped: 'apps/spa has no index.html (no build yet)' }];
                    outDir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'organizer-spa-build-'));
                    _a.label = 1;
                case 1:
                    _a.trys.push([1, , 6, 7]);
                    log('building the SPA for production');
                    _a.label = 2;
                case 2:
                    _a.trys.push([2, 4, , 5]);
                    return [4 /*yield*/, run('pnpm', ['--filter', './apps/spa', 'run', 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 })];
                case 3:
                    _a.sent();
                    return [3 /*break*/, 5];
                case 4:
                    err_1 = _a.sent();
                    e = err_1;
                    detail = (e.stderr || e.stdout || e.message).trim().split('\n').slice(-3).join(' | ');
                    return [2 /*return*/, { skipped: "the SPA build failed: ".concat(detail) }];
                case 5:
                    files = listFiles(outDir)
                        .filter(function (f) { return /\.(m?js)$/.test(f); })
                        .map(function (f) {
                        var content = (0, node_fs_1.readFileSync)(f);
                        return { file: (0, node_path_1.relative)(outDir, f), bytes: content.length, gzipBytes: (0, node_zlib_1.gzipSync)(content, { level: 9 }).length };
                    });
                    if (files.length === 0)
                        return [2 /*return*/, { skipped: 'the SPA build produced no JavaScript' }];
                    return [2 /*return*/, {
                            files: files,
                            jsBytes: files.reduce(function (sum, f) { return sum + f.bytes; }, 0),
                            jsGzipBytes: files.reduce(function (sum, f) { return sum + f.gzipBytes; }, 0),
                        }];
                case 6:
                    (0, node_fs_1.rmSync)(outDir, { recursive: true, force: true });
                    return [7 /*endfinally*/];
                case 7: return [2 /*return*/];
            }
        });
    });
}
function listFiles(dir) {
    return (0, node_fs_1.readdirSync)(dir, { withFileTypes: true }).flatMap(function (entry) {
        return entry.isDirectory() ? listFiles((0, node_path_1.join)(dir, entry.name)) : [(0, node_path_1.join)(dir, entry.name)];
    });
}
