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
exports.SetupError = void 0;
/** A problem the setup explains in its message; the entry prints it without a stack and exits 1. */
var SetupError = /** @class */ (function (_super) {
    __extends(SetupError, _super);
    function SetupError() {
        var _this = _super !== null && _super.apply(this, arguments) || this;
        _this.name = 'SetupError';
        return _this;
    }
    return SetupError;
}(Error));
exports.SetupError = SetupError;
