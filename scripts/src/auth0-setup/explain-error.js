"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.explainError = explainError;
var env_1 = require("@organizer/env");
var auth0_1 = require("auth0");
var management_scopes_ts_1 = require("./management-scopes.ts");
var setup_error_ts_1 = require("./setup-error.ts");
var step_error_ts_1 = require("./step-error.ts");
var TOKEN_REQUEST = 'token request';
/** The reason Auth0 gave, from either error body shape (Management API or /oauth/token). */
function reason(body) {
    var _a, _b;
    if (typeof body === 'string')
        return body;
    if (typeof body !== 'object' || body === null)
        return '';
    var b = body;
    var code = (_a = b['errorCode']) !== null && _a !== void 0 ? _a : b['error'];
    var text = (_b = b['message']) !== null && _b !== void 0 ? _b : b['error_description'];
    return [code, text].filter(function (part) { return typeof part === 'string' && part !== ''; }).join(': ');
}
function explainManagementError(error, doing, maxRetries) {
    var status = error.statusCode;
    var because = reason(error.body);
    var said = "Auth0 answered ".concat(status !== null && status !== void 0 ? status : 'with an error').concat(because ? " (".concat(because, ")") : '');
    var credentials = 'AUTH0_MGMT_CLIENT_ID / AUTH0_MGMT_CLIENT_SECRET (or AUTH0_MGMT_TOKEN)';
    if (error.message.includes(TOKEN_REQUEST)) {
        if (status === 401 || status === 403) {
            return "Could not get a Management API token: ".concat(said, ". Check ").concat(credentials, ", and that the application is authorized for the \"Auth0 Management API\" (Dashboard \u2192 Applications \u2192 APIs \u2192 Auth0 Management API \u2192 Machine to Machine Applications).");
        }
        return "Could not get a Management API token: ".concat(said, ".");
    }
    switch (status) {
        case 401:
            return "".concat(doing, ": ").concat(said, ". The Management API token was refused: check ").concat(credentials, " and AUTH0_DOMAIN; a pasted AUTH0_MGMT_TOKEN may have expired.");
        case 403:
            return "".concat(doing, ": ").concat(said, ". The Management API application lacks a scope. Grant it (Dashboard \u2192 Applications \u2192 APIs \u2192 Auth0 Management API \u2192 Machine to Machine Applications): ").concat(management_scopes_ts_1.SETUP_SCOPES.join(' '), "; with --with-demo-users also ").concat(management_scopes_ts_1.DEMO_USER_SCOPES.join(' '), ".");
        case 429:
            return "".concat(doing, ": ").concat(said, ", still rate limited after ").concat(maxRetries, " retries. Wait a minute and run again (nothing already done is repeated).");
        default:
            return "".concat(doing, ": ").concat(said, ".");
    }
}
/** A readable one-paragraph message for anything a run can throw (no stack traces for users). */
function explainError(error, maxRetries) {
    if (error instanceof env_1.ConfigError || error instanceof setup_error_ts_1.SetupError)
        return error.message;
    var doing = error instanceof step_error_ts_1.StepError ? error.message.replace(/^./, function (c) { return c.toUpperCase(); }) : 'Reading the tenant failed';
    var cause = error instanceof step_error_ts_1.StepError ? error.cause : error;
    if (cause instanceof auth0_1.ManagementTimeoutError)
        return "".concat(doing, ": Auth0 did not answer in time. Check AUTH0_DOMAIN and your network, then run again.");
    if (cause instanceof auth0_1.ManagementError)
        return explainManagementError(cause, doing, maxRetries);
    if (cause instanceof setup_error_ts_1.SetupError)
        return cause.message;
    var message = cause instanceof Error ? "".concat(cause.message).concat(cause.cause instanceof Error ? " (".concat(cause.cause.message, ")") : '') : String(cause);
    return "".concat(doing, ": ").concat(message, ". Check AUTH0_DOMAIN and your network.");
}
