"use strict";
var __extends = (this && this.__extends) || (function () {
    var extendStatics = function (d, b) {
        extendStatics = Object.setPrototypeOf ||
            ({ __proto__: [] } instanceof Array && function (d, b) { d.__proto__ = b; }) ||
            function (d, b) { for (var p in b) if (Object.prototype.hasOwnProperty.call(b, p)) d[p] = b[p]; };
        return extendStatics(d, b);
    };
    return function (d, b) {
        if (typeof b !== "function" && b !== null)
            throw new TypeError("Class extends value " + String(b) + " is not a constructor or null");
        extendStatics(d, b);
        function __() { this.constructor = d; }
        d.prototype = b === null ? Object.create(b) : (__.prototype = b.prototype, new __());
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.StepError = void 0;
/** An API call that failed while applying one step; the cause is the SDK's error. */
var StepError = /** @class */ (function (_super) {
    __extends(StepError, _super);
    function StepError(label, action, cause) {
        var _this = _super.call(this, "".concat(action === 'create' ? 'creating' : 'updating', " ").concat(label, " failed")) || this;
        _this.label = label;
        _this.action = action;
        _this.cause = cause;
        _this.name = 'StepError';
        return _this;
    }
    return StepError;
}(Error));
exports.StepError = StepError;
