"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.machineInfo = machineInfo;
var node_os_1 = require("node:os");
function machineInfo(pinning) {
    var _a, _b;
    return {
        cpuModel: (_b = (_a = (0, node_os_1.cpus)()[0]) === null || _a === void 0 ? void 0 : _a.model.trim()) !== null && _b !== void 0 ? _b : 'unknown',
        cores: (0, node_os_1.availableParallelism)(),
        node: process.version,
        platform: "".concat((0, node_os_1.platform)(), " ").concat((0, node_os_1.release)()),
        loadAverage: (0, node_os_1.loadavg)().map(function (x) { return Math.round(x * 100) / 100; }),
        pinned: pinning.pinned,
        pinning: pinning.reason,
    };
}
