import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantAgent } from '../src/hardening/tenant-agent.ts';

// A tenant that accepts the connection and then says nothing: no HTTP answer, no TLS handshake.
let port = 0;
const sockets = new Set<Socket>();
const silent = createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
beforeAll(async () => {
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  port = (silent.address() as { port: number }).port;
});
afterAll(() => {
  for (const socket of sockets) socket.destroy();
  silent.close();
});

function failure(get: typeof http.get, url: string, agent: http.Agent): Promise<Error> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, () => reject(new Error('the silent tenant answered'))).on('error', resolve);
  });
}

describe('tenantAgent', () => {
  it('ends an http connection to a silent tenant after the timeout', async () => {
    const agent = tenantAgent(`http://127.0.0.1:${port}/`, 300);
    expect(agent).not.toBeInstanceOf(https.Agent);
    const started = performance.now();
    const error = await failure(http.get, `http://127.0.0.1:${port}/.well-known/openid-configuration`, agent);
    expect(error.message).toBe('no answer from the tenant within 300 ms');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('is an https agent for an https tenant, and ends a TLS handshake that never comes', async () => {
    const agent = tenantAgent(`https://127.0.0.1:${port}/`, 300);
    expect(agent).toBeInstanceOf(https.Agent);
    const error = await failure(https.get, `https://127.0.0.1:${port}/.well-known/jwks.json`, agent);
    expect(error.message).toBe('no answer from the tenant within 300 ms');
  });
});
