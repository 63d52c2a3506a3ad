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
exports.startLocalIssuer = startLocalIssuer;
var node_http_1 = require("node:http");
var jose_1 = require("jose");
var DISCOVERY_PATH = '/.well-known/openid-configuration';
var JWKS_PATH = '/.well-known/jwks.json';
/**
 * A minimal OpenID issuer on 127.0.0.1: discovery and a JWKS with one RS256 key, nothing else.
 * It counts every fetch, because "one discovery and one JWKS fetch per run" is one of the goals.
 */
function startLocalIssuer() {
    return __awaiter(this, void 0, void 0, function () {
        var kid, _a, publicKey, privateKey, publicJwk, _b, counts, url, server;
        return __generator(this, function (_c) {
            switch (_c.label) {
                case 0:
                    kid = 'bench-key-1';
                    return [4 /*yield*/, (0, jose_1.generateKeyPair)('RS256')];
                case 1:
                    _a = _c.sent(), publicKey = _a.publicKey, privateKey = _a.privateKey;
                    _b = [{}];
                    return [4 /*yield*/, (0, jose_1.exportJWK)(publicKey)];
                case 2:
                    publicJwk = __assign.apply(void 0, [__assign.apply(void 0, _b.concat([(_c.sent())])), { kid: kid, alg: 'RS256', use: 'sig' }]);
                    counts = { discovery: 0, jwks: 0, other: 0 };
                    url = '';
                    server = (0, node_http_1.createServer)(function (req, res) {
                        var _a;
                        var path = ((_a = req.url) !== null && _a !== void 0 ? _a : '/').split('?')[0];
                        var body;
                        if (path === DISCOVERY_PATH) {
                            counts.discovery += 1;
                            body = {
                                issuer: url,
                                jwks_uri: new URL(JWKS_PATH.slice(1), url).href,
                                authorization_endpoint: new URL('authorize', url).href,
                                token_endpoint: new URL('oauth/token', url).href,
                                id_token_signing_alg_values_supported: ['RS256'],
                                response_types_supported: ['code', 'token', 'id_token token'],
                                subject_types_supported: ['public'],
                            };
                        }
                        else if (path === JWKS_PATH) {
                            counts.jwks += 1;
                            body = { keys: [publicJwk] };
                        }
                        else {
                            counts.other += 1;
                            res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
                            return;
                        }
                        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
                    });
                    return [4 /*yield*/, new Promise(function (resolve) { return server.listen(0, '127.0.0.1', resolve); })];
                case 3:
                    _c.sent();
                    url = "http://127.0.0.1:".concat(server.address().port, "/");
                    return [2 /*return*/, {
                            url: url,
                            kid: kid,
                            privateKey: privateKey,
                            counts: function () { return (__assign({}, counts)); },
                            close: function () {
                                return new Promise(function (resolve, reject) {
                                    server.closeAllConnections();
                                    server.close(function (err) { return (err ? reject(err) : resolve()); });
                                });
                            },
                        }];
            }
        });
    });
}
