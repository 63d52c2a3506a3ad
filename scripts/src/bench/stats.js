"use strict";
var __spreadArray = (this && this.__spreadArray) || function (to, from, pack) {
    if (pack || arguments.length === 2) for (var i = 0, l = from.length, ar; i < l; i++) {
        if (ar || !(i in from)) {
            if (!ar) ar = Array.prototype.slice.call(from, 0, i);
            ar[i] = from[i];
        }
    }
    return to.concat(ar || Array.prototype.slice.call(from));
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.median = median;
exports.spread = spread;
/** Median of the values (mean of the middle two for an even count); NaN for none. */
function median(values) {
    var _a, _b;
    if (values.length === 0)
        return Number.NaN;
    var sorted = __spreadArray([], values, true).sort(function (a, b) { return a - b; });
    var mid = Math.floor(sorted.length / 2);
    var upper = (_a = sorted[mid]) !== null && _a !== void 0 ? _a : Number.NaN;
    return sorted.length % 2 === 1 ? upper : (((_b = sorted[mid - 1]) !== null && _b !== void 0 ? _b : upper) + upper) / 2;
}
function spread(values) {
    return {
        median: median(values),
        min: values.length ? Math.min.apply(Math, values) : Number.NaN,
        max: values.length ? Math.max.apply(Math, values) : Number.NaN,
    };
}
