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
exports.BENCH_CLIENT_ID = void 0;
exports.mintToken = mintToken;
exports.mintPool = mintPool;
exports.mintBadSignature = mintBadSignature;
exports.mintUnknownKids = mintUnknownKids;
var jose_1 = require("jose");
exports.BENCH_CLIENT_ID = 'organizer-bench';
/** One RS256 access token shaped like the tenant's: iss, aud, scope, sub, iat, exp, client_id. */
function mintToken(key, kid, claims, subject) {
    var now = Math.floor(Date.now() / 1000);
    return new jose_1.SignJWT({ scope: claims.scope, client_id: exports.BENCH_CLIENT_ID })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: kid })
        .setIssuer(claims.issuer)
        .setAudience(claims.audience)
        .setSubject(subject)
        .setIssuedAt(now)
        .setExpirationTime(now + claims.ttlSeconds)
        .sign(key);
}
/**
 * `count` distinct valid tokens (distinct `sub`, so distinct signatures). Signing is about a quarter
 * of a millisecond per token; WebCrypto runs it on libuv's pool, so batches use every core.
 */
function mintPool(key, kid, claims, count, prefix) {
    return __awaiter(this, void 0, void 0, function () {
        var tokens, batch, _loop_1, start;
        return __generator(this, function (_a) {
            switch (_a.label) {
                case 0:
                    tokens = [];
                    batch = 256;
                    _loop_1 = function (start) {
                        var size, minted;
                        return __generator(this, function (_b) {
                            switch (_b.label) {
                                case 0:
                                    size = Math.min(batch, count - start);
                                    return [4 /*yield*/, Promise.all(Array.from({ length: size }, function (_, i) { return mintToken(key, kid, claims, "".concat(prefix, "-").concat(start + i)); }))];
                                case 1:
                                    minted = _b.sent();
                                    tokens.push.apply(tokens, minted);
                                    return [2 /*return*/];
                            }
                        });
                    };
                    start = 0;
                    _a.label = 1;
                case 1:
                    if (!(start < count)) return [3 /*break*/, 4];
                    return [5 /*yield**/, _loop_1(start)];
                case 2:
                    _a.sent();
                    _a.label = 3;
                case 3:
                    start += batch;
                    return [3 /*break*/, 1];
                case 4: return [2 /*return*/, tokens];
            }
        });
    });
}
/** A token whose header names the issuer's real key but whose signature comes from another key. */
function mintBadSignature(kid, claims) {
    return __awaiter(this, void 0, void 0, function () {
        var privateKey;
        return __generator(this, function (_a) {
            switch (_a.label) {
                case 0: return [4 /*yield*/, (0, jose_1.generateKeyPair)('RS256')];
                case 1:
                    privateKey = (_a.sent()).privateKey;
                    return [2 /*return*/, mintToken(privateKey, kid, claims, 'bad-signature')];
            }
        });
    });
}
/** Tokens signed by a key the issuer never published, each with its own unknown `kid`. */
function mintUnknownKids(claims, count) {
    return __awaiter(this, void 0, void 0, function () {
        var privateKey;
        return __generator(this, function (_a) {
            switch (_a.label) {
                case 0: return [4 /*yield*/, (0, jose_1.generateKeyPair)('RS256')];
                case 1:
                    privateKey = (_a.sent()).privateKey;
                    return [2 /*return*/, Promise.all(Array.from({ length: count }, function (_, i) { return mintToken(privateKey, "unknown-kid-".concat(i), claims, "unknown-".concat(i)); }))];
            }
        });
    });
}
