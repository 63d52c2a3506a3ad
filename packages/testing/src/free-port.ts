import { createServer } from 'node:net';

/**
 * A port the OS just handed out on `host` (closed again at once, so a server started next can take it).
 * The workspace's one: used by the benchmark and by every test that starts a real server on a free port.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
