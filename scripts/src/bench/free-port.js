"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.freePort = freePort;
var node_net_1 = require("node:net");
/** A port the OS just handed out on 127.0.0.1 (closed again, so the service can take it). */
function freePort() {
    return new Promise(function (resolve, reject) {
        var server = (0, node_net_1.createServer)();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', function () {
            var address = server.address();
            var port = typeof address === 'object' && address ? address.port : 0;
            server.close(function () { return resolve(port); });
        });
    });
}
