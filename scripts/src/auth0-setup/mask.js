"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.maskSecret = maskSecret;
exports.isSecretField = isSecretField;
/** Enough of a secret to recognise it, never all of it. */
function maskSecret(secret) {
    return secret.length <= 8 ? '********' : "".concat(secret.slice(0, 4), "\u2026(").concat(secret.length, " characters)");
}
/** Fields whose values are never printed. */
function isSecretField(name) {
    return /secret|password|token/i.test(name);
}
