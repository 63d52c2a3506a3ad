import { createServer } from 'node:net';

type PortState = 'free' | 'taken';

function tryListen(port: number, host: string): Promise<PortState> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve('taken');
      // No IPv6 (or no ::1) on this machine: nothing can be listening there either.
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT') resolve('free');
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve('free')));
  });
}

/**
 * The ports someone else already listens on. `localhost` may mean 127.0.0.1 or ::1 depending on the
 * resolver, and the parts bind to `localhost`, so both are checked.
 */
export async function takenPorts(ports: readonly number[]): Promise<number[]> {
  const taken: number[] = [];
  for (const port of ports) {
    const states = await Promise.all([tryListen(port, '127.0.0.1'), tryListen(port, '::1')]);
    if (states.includes('taken')) taken.push(port);
  }
  return taken;
}
