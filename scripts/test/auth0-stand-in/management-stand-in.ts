import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emptyTenant, handle, type TenantState } from './stand-in-tenant.ts';

/** A request as the stand-in received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  body: unknown;
  /** Date.now() when it arrived, to measure back-off. */
  at: number;
}

/** A canned answer to the next `times` requests matching method and path (e.g. 429, 401). */
export interface Fault {
  method: string;
  path: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times: number;
}

export interface ManagementStandIn {
  /** http://127.0.0.1:<port> */
  origin: string;
  state: TenantState;
  requests: RecordedRequest[];
  faults: Fault[];
  /** Runs before a request is handled, e.g. to create an object "concurrently". */
  beforeHandle?: (request: RecordedRequest, state: TenantState) => void;
  close(): Promise<void>;
}

export const STAND_IN_TOKEN = 'stand-in-management-token';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local HTTP stand-in for Auth0's /oauth/token and the Management API endpoints the setup uses,
 * on a free port of 127.0.0.1. `domain` is the tenant name the SDK believes it talks to: the token
 * request must ask for its Management API audience.
 */
export async function startManagementStandIn(credentials: {
  domain: string;
  clientId: string;
  clientSecret: string;
}): Promise<ManagementStandIn> {
  const standIn: Omit<ManagementStandIn, 'origin' | 'close'> = { state: emptyTenant(), requests: [], faults: [] };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const raw = await readBody(req);
    const form = req.headers['content-type']?.includes('x-www-form-urlencoded');
    const body = raw === '' ? undefined : form ? Object.fromEntries(new URLSearchParams(raw)) : JSON.parse(raw);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      body,
      at: Date.now(),
    };
    standIn.requests.push(request);
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, payload === undefined ? headers : { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };

    const fault = standIn.faults.find((f) => f.times > 0 && f.method === request.method && f.path === request.path);
    if (fault !== undefined) {
      fault.times -= 1;
      return send(fault.status, fault.body, fault.headers);
    }
    if (request.path === '/oauth/token') {
      const b = (body ?? {}) as Record<string, string>;
      const ok =
        b['grant_type'] === 'client_credentials' &&
        b['client_id'] === credentials.clientId &&
        b['client_secret'] === credentials.clientSecret &&
        b['audience'] === `https://${credentials.domain}/api/v2/`;
      return ok
        ? send(200, { access_token: STAND_IN_TOKEN, token_type: 'Bearer', expires_in: 86400 })
        : send(401, { error: 'access_denied', error_description: 'Unauthorized' });
    }
    if (!request.path.startsWith('/api/v2/'))
      return send(404, { statusCode: 404, error: 'Not Found', message: 'Not found' });
    if (req.headers.authorization !== `Bearer ${STAND_IN_TOKEN}`) {
      return send(401, {
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Invalid token',
        errorCode: 'invalid_token',
      });
    }
    standIn.beforeHandle?.(request, standIn.state);
    const reply = handle(standIn.state, request.method, request.path.slice('/api/v2'.length), url.searchParams, body);
    send(reply.status, reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(standIn, {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  });
}

/**
 * The SDK always builds https://<domain>/… URLs; its `fetch` option is the supported way to send
 * them elsewhere. This one sends them to the stand-in and passes everything else through untouched.
 */
export function fetchVia(domain: string, origin: string): typeof fetch {
  const prefix = `https://${domain}`;
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return fetch(url.startsWith(prefix) ? origin + url.slice(prefix.length) : input, init);
  };
}
