// The browser tests' `pnpm dev` (e2e/stack.ts) says why it could not start before anything else, and at once.
// Every part gets a free port; the test itself takes the calendar's before the runner starts.
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { freeStackPorts, portTaken, startStack } from './e2e/stack.ts';

describe('starting the stack for the browser tests', () => {
  it('a port already in use is the first thing the error says, without waiting for the ready timeout', async () => {
    const { urls, env } = await freeStackPorts();
    const calendarPort = Number(new URL(urls.calendar).port);
    const squatter = createServer();
    squatter.listen({ port: calendarPort, host: '127.0.0.1', exclusive: true });
    await Promise.race([once(squatter, 'listening'), once(squatter, 'error').then(([error]) => Promise.reject(error))]);
    onTestFinished(() => void squatter.close());

    const started = performance.now();
    const failure = await startStack({ ...process.env, AUTH0_DOMAIN: '', ...env }, 90_000).then(
      async (stack) => {
        await stack.stop();
        throw new Error(`pnpm dev became ready although port ${calendarPort} was taken`);
      },
      (error: unknown) => error as Error,
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(`pnpm dev refused a taken port after ${seconds.toFixed(1)} s`);
    expect(failure.message.split('\n')[0]).toBe(
      `pnpm dev exited (exit code 1) before it was ready: port ${calendarPort} (calendar) already in use, so nothing was started.`,
    );
    expect(failure.message).not.toContain('within 90 s');
    expect(seconds).toBeLessThan(20);
    expect(portTaken(failure)).toBe(true);
  });

  it('a port lost after the runner checked it counts as taken too, so startStackOnFreePorts picks new ports', () => {
    // The shape of a CI failure: the runner's check passed, then another process took the SPA's port before Vite.
    const lostAfterCheck = new Error(
      'pnpm dev exited (exit code 1) before it was ready: spa exited before it was ready (exit code 1); its log ' +
        'above says why. Stopped the other parts.\n\nIts output:\nspa      error when starting dev server:\n' +
        'spa      Error: Port 44247 is already in use\n',
    );
    expect(portTaken(lostAfterCheck)).toBe(true);
    const otherFailure = new Error(
      'pnpm dev exited (exit code 1) before it was ready: contacts exited before it was ready (exit code 1)\n\n' +
        'Its output:\ncontacts AUDIENCE is missing\n',
    );
    expect(portTaken(otherFailure)).toBe(false);
    expect(portTaken(new Error('Port 3000 is already in use'))).toBe(false);
  });
});
