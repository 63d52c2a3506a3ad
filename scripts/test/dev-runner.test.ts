import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runDev } from '../src/dev-runner.ts';
import { answers, freePort, part, plan } from './dev-helpers.ts';

const here = dirname(fileURLToPath(import.meta.url));
const scriptsDir = join(here, '..');

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

let blocker: Server | undefined;
afterEach(async () => {
  if (blocker) await new Promise((resolve) => blocker?.close(resolve));
  blocker = undefined;
});

describe('pnpm dev runner', () => {
  it('prints one ready message once every part answers, and Ctrl-C (SIGINT) stops every part', async () => {
    const [a, b] = [await freePort(), await freePort()];
    const child = spawn(
      process.execPath,
      [
        'test/fixtures/dev-fixture.ts',
        JSON.stringify(plan([part('alpha', a, 'serve', 300), part('beta', b, 'serve', 600)])),
      ],
      {
        cwd: scriptsDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      await expect.poll(() => out, { timeout: 30_000, interval: 50 }).toContain('is ready');
      expect(await answers(a)).toBe(true);
      expect(await answers(b)).toBe(true);
      // Both parts' logs are there, prefixed with their names.
      expect(out).toMatch(/alpha\s+fake part listening on/);
      expect(out).toMatch(/beta\s+fake part listening on/);
    } finally {
      child.kill('SIGINT');
    }
    const [code] = await exited;
    expect(code).toBe(0);
    expect(out.match(/is ready/g)).toHaveLength(1);
    expect(out).toContain('pnpm dev: stopped (SIGINT).');
    expect(await answers(a)).toBe(false);
    expect(await answers(b)).toBe(false);
  });

  it('starts nothing and names the port when one is already taken', async () => {
    const [a, b] = [await freePort(), await freePort()];
    blocker = createServer((_req, res) => res.end('someone else'));
    await new Promise<void>((resolve) => blocker?.listen(b, '127.0.0.1', resolve));
    const out = capture();
    const code = await runDev(plan([part('alpha', a, 'serve'), part('beta', b, 'serve')]), {
      cwd: scriptsDir,
      output: out.stream,
    });
    expect(code).toBe(1);
    expect(out.text()).toContain(`port ${b} (beta) already in use, so nothing was started`);
    expect(await answers(a)).toBe(false);
  });

  it('stops the others and says which part exited before it was ready', async () => {
    const [a, b] = [await freePort(), await freePort()];
    const out = capture();
    const code = await runDev(plan([part('alpha', a, 'serve'), part('broken', b, 'exit', 500)]), {
      cwd: scriptsDir,
      output: out.stream,
    });
    expect(code).toBe(1);
    expect(out.text()).toContain('broken exited before it was ready (exit code 3)');
    expect(out.text()).not.toContain('is ready');
    expect(await answers(a)).toBe(false);
  });

  it('gives up on a part that never answers with a 2xx, and stops everything', async () => {
    const [a, b] = [await freePort(), await freePort()];
    const out = capture();
    const code = await runDev(plan([part('alpha', a, 'serve'), part('sick', b, 'fail')]), {
      cwd: scriptsDir,
      output: out.stream,
      readyTimeoutMs: 1500,
    });
    expect(code).toBe(1);
    expect(out.text()).toContain(`sick did not answer at http://localhost:${b}/ within 1.5 s`);
    expect(await answers(a)).toBe(false);
    expect(await answers(b)).toBe(false);
  });
});
