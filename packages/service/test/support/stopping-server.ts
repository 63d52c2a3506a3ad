// A plain HTTP server stopped by stopOnSignals, for its own test: GET /slow answers after 400 ms, GET /hang
// never answers. Its grace period (ms) is the first argument; "store closed" stands for closing a store.
import { createServer } from 'node:http';
import { createLogger } from '@organizer/auth';
import { stopOnSignals } from '../../src/stop-on-signals.ts';

const logger = createLogger('stop-test');
const server = createServer((req, res) => {
  if (req.url === '/slow') setTimeout(() => res.end('slow done'), 400);
  else if (req.url !== '/hang') res.end('ok');
});
stopOnSignals(server, {
  logger,
  graceMs: Number(process.argv[2]),
  close: async () => {
    logger.info('store closed');
  },
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on ${typeof address === 'object' && address !== null ? address.port : ''}`);
});
