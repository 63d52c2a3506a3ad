"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ROUND_SCENARIOS = exports.SCENARIOS = void 0;
exports.roundOrder = roundOrder;
exports.SCENARIOS = {
    health: { name: 'health', label: 'GET /health (open, the ceiling)', path: '/health', expectedStatus: 200 },
    reused: { name: 'reused', label: 'one token reused', path: '/api/contacts', expectedStatus: 200 },
    distinct: { name: 'distinct', label: 'a new token every request', path: '/api/contacts', expectedStatus: 200 },
    'bad-signature': { name: 'bad-signature', label: 'invalid signature (401)', path: '/api/contacts', expectedStatus: 401 },
    'unknown-kid': { name: 'unknown-kid', label: 'unknown kid (401)', path: '/api/contacts', expectedStatus: 401 },
};
/** The scenarios measured in interleaved rounds; unknown-kid runs after them (it may refetch keys). */
exports.ROUND_SCENARIOS = ['health', 'reused', 'distinct', 'bad-signature'];
/** Round r starts at a different scenario, so no scenario always runs right after the same one. */
function roundOrder(round, scenarios) {
    if (scenarios === void 0) { scenarios = exports.ROUND_SCENARIOS; }
    var n = scenarios.length;
    return scenarios.map(function (_, i) { return scenarios[(i + round) % n]; });
}
