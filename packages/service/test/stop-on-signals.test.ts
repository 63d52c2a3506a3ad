import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';

const SERVER = new URL('./support/stopping-server.ts', import.meta.url).pathname;
let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
});

async function startServer(
  graceMs: number,
): Promise<{ port: number; output: () => string; exited: Promise<unknown[]> }> {
  child = spawn(process.execPath, [SERVER, String(graceMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(child, 'exit');
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve) => {
    child?.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\d+)/.exec(output);
      if (match?.[1] !== undefined) resolve(Number(match[1]));
    });
  });
  return { port, output: () => output, exited };
}

const lines = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

function get(port: number, path: string, agent: Agent | false = false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .once('error', reject)
      .end();
  });
}

describe('stopOnSignals', () => {
  it('exits 0 at once when nothing is in flight, even with an idle keep-alive connection open', async () => {
    const server = await startServer(5_000);
    const agent = new Agent({ keepAlive: true });
    expect((await get(server.port, '/', agent)).status).toBe(200);
    const signalled = performance.now();
    child?.kill('SIGTERM');
    const [code] = await server.exited;
    const ms = performance.now() - signalled;
    agent.destroy();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(1_000);
    expect(lines(server.output()).map((line) => line.msg)).toEqual([
      'stopping: no new connections, waiting for requests in flight',
      'store closed',
      'stopped',
    ]);
  });

  it('on SIGINT too: a slow request on a keep-alive connection finishes, then that connection is closed and it exits 0', async () => {
    const server = await startServer(5_000);
    const agent = new Agent({ keepAlive: true });
    const slow = get(server.port, '/slow', agent);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const signalled = performance.now();
    child?.kill('SIGINT');
    expect(await slow).toEqual({ status: 200, body: 'slow done' });
    const [code] = await server.exited;
    const ms = performance.now() - signalled;
    agent.destroy();
    expect(code).toBe(0);
    // The answer came ~300 ms after the signal; its connection, idle from then on, does not wait for the grace period.
    expect(ms).toBeLessThan(1_500);
    expect(
      lines(server.output()).find(
        (line) => line.msg === 'stopping: no new connections, waiting for requests in flight',
      ),
    ).toMatchObject({ signal: 'SIGINT' });
  });

  it('after the grace period cuts a request that never ends, still closes the store, and exits 1 saying so', async () => {
    const server = await startServer(300);
    const hung = get(server.port, '/hang').then(
      () => 'answered',
      (err: NodeJS.ErrnoException) => err.code,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const signalled = performance.now();
    child?.kill('SIGTERM');
    const [code] = await server.exited;
    const ms = performance.now() - signalled;
    expect(code).toBe(1);
    expect(await hung).toBe('ECONNRESET');
    expect(ms).toBeGreaterThanOrEqual(300);
    expect(ms).toBeLessThan(2_000);
    const logged = lines(server.output());
    expect(logged.find((line) => line.level === 'error')).toMatchObject({
      service: 'stop-test',
      graceMs: 300,
      msg: 'requests still running after 300 ms: cutting their connections',
    });
    expect(logged.map((line) => line.msg).slice(-2)).toEqual(['store closed', 'stopped']);
    expect(logged.at(-1)).toMatchObject({ code: 1 });
  });
});
