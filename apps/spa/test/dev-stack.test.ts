// The browser tests' `pnpm dev` (e2e/stack.ts) says why it could not start before anything else, and at once.
// Binds one of the sample's fixed ports: run under the ports lock like the other browser tests.
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startStack } from './e2e/stack.ts';

describe('starting the stack for the browser tests', () => {
  it('a port already in use is the first thing the error says, without waiting for the ready timeout', async () => {
    const squatter = createServer();
    squatter.listen({ port: 3002, host: '127.0.0.1', exclusive: true });
    await Promise.race([once(squatter, 'listening'), once(squatter, 'error').then(([error]) => Promise.reject(error))]);
    onTestFinished(() => void squatter.close());

    const started = performance.now();
    const failure = await startStack({ ...process.env, AUTH0_DOMAIN: '' }, 90_000).then(
      async (stack) => {
        await stack.stop();
        throw new Error('pnpm dev became ready although port 3002 was taken');
      },
      (error: unknown) => error as Error,
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(`pnpm dev refused a taken port after ${seconds.toFixed(1)} s`);
    expect(failure.message.split('\n')[0]).toBe('pnpm dev exited (exit code 1) before it was ready: port 3002 (calendar) already in use, so nothing was started.');
    expect(failure.message).not.toContain('within 90 s');
    expect(seconds).toBeLessThan(20);
  });
});
