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
exports.DEFAULT_MAX_RETRIES = void 0;
exports.createManagementClient = createManagementClient;
var auth0_1 = require("auth0");
exports.DEFAULT_MAX_RETRIES = 4;
function createManagementClient(config, options) {
    var _a;
    if (options === void 0) { options = {}; }
    var common = __assign({ domain: config.domain, maxRetries: (_a = options.maxRetries) !== null && _a !== void 0 ? _a : exports.DEFAULT_MAX_RETRIES, timeoutInSeconds: 30 }, (options.fetch === undefined ? {} : { fetch: options.fetch }));
    return 'token' in config.credentials
        ? new auth0_1.ManagementClient(__assign(__assign({}, common), { token: config.credentials.token }))
        : new auth0_1.ManagementClient(__assign(__assign({}, common), { clientId: config.credentials.clientId, clientSecret: config.credentials.clientSecret }));
}
