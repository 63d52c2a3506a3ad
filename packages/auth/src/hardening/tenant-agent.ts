import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

type ConnectionCallback = (err: Error | null, stream: Duplex) => void;

/**
 * Why: the library's discovery request passes `timeout` to http.get but never aborts on it, so a tenant
 * that accepts the connection and then says nothing (a stopped process, a black-holed host) would hold
 * discovery, and every request waiting on it, forever. Destroying an idle socket turns that into an error
 * the library already handles (the request fails, the cached discovery promise is dropped).
 */
function withIdleDeadline(socket: Duplex | null | undefined, timeoutMs: number): Duplex | null | undefined {
  // The default createConnection returns a net.Socket (tls.TLSSocket for https), which has setTimeout.
  (socket as Socket | null | undefined)?.setTimeout(timeoutMs, () => {
    socket?.destroy(new Error(`no answer from the tenant within ${timeoutMs} ms`));
  });
  return socket;
}

/** An agent for talking to the tenant whose sockets fail after `timeoutMs` without traffic. */
export function tenantAgent(issuerBaseUrl: string, timeoutMs: number): http.Agent {
  // https.Agent is an http.Agent whose connections are TLS: one subclass serves both schemes.
  const Base: typeof http.Agent = new URL(issuerBaseUrl).protocol === 'https:' ? https.Agent : http.Agent;
  class TenantAgent extends Base {
    override createConnection(options: http.ClientRequestArgs, callback?: ConnectionCallback) {
      return withIdleDeadline(super.createConnection(options, callback), timeoutMs);
    }
  }
  return new TenantAgent({ keepAlive: false });
}
