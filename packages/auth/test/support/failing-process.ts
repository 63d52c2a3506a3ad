// Logs through the service logger, then fails in a way nothing catches (first argument: throw or reject).
import { createLogger, logUncaught } from '../../src/index.ts';

const logger = createLogger('fail-test');
logUncaught(logger);
logger.info('started');
if (process.argv[2] === 'reject') void Promise.reject(new Error('rejected: nobody waited'));
else
  setTimeout(() => {
    throw new Error('thrown: nobody caught');
  }, 10);
