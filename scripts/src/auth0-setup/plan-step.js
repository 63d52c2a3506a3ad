"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.counts = counts;
function counts(steps) {
    var result = { create: 0, update: 0, unchanged: 0 };
    for (var _i = 0, steps_1 = steps; _i < steps_1.length; _i++) {
        var step = steps_1[_i];
        result[step.action] += 1;
    }
    return result;
}
