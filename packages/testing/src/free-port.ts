import { createServer } from 'node:net';

/**
 * Ports below every common ephemeral range (Linux 32768–60999, macOS and Windows 49152–65535). A port the OS
 * hands out for `listen(0)` comes from that range, where every outgoing connection takes its local port too:
 * a test that picks a port and starts its server on it seconds later (a tenant started after the page, a
 * restarted service) could find it taken by a fetch in the meantime. Here only another freePort can want it.
 */
const FIRST = 20_000;
const LAST = 32_767;
/** Ports this process handed out already: two stacks' worth of picks at once never get the same one. */
const handedOut = new Set<number>();

function tryListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error),
    );
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * A port free on `host` just now (a random one of 20000–32767, tried by listening on it and closing again,
 * so a server started next can take it). The workspace's one: used by the benchmark and by every test that
 * starts a real server on a free port.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST + 1));
    if (handedOut.has(port) || !(await tryListen(port, host))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port on ${host} between ${FIRST} and ${LAST} after 50 tries`);
}
