import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/** How often the service asked the issuer for its metadata and keys. */
export interface FetchCounts {
  discovery: number;
  jwks: number;
  /** Any other path: a service probing something the benchmark does not expect. */
  other: number;
}

export interface LocalIssuer {
  /** The issuer URL with its trailing slash, as services expect it in ISSUER_BASE_URL. */
  readonly url: string;
  readonly kid: string;
  readonly privateKey: CryptoKey;
  counts(): FetchCounts;
  close(): Promise<void>;
}

const DISCOVERY_PATH = '/.well-known/openid-configuration';
const JWKS_PATH = '/.well-known/jwks.json';

/**
 * A minimal OpenID issuer on 127.0.0.1: discovery and a JWKS with one RS256 key, nothing else.
 * It counts every fetch, because "one discovery and one JWKS fetch per run" is one of the goals.
 */
export async function startLocalIssuer(): Promise<LocalIssuer> {
  const kid = 'bench-key-1';
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const counts: FetchCounts = { discovery: 0, jwks: 0, other: 0 };
  let url = '';

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    let body: unknown;
    if (path === DISCOVERY_PATH) {
      counts.discovery += 1;
      body = {
        issuer: url,
        jwks_uri: new URL(JWKS_PATH.slice(1), url).href,
        authorization_endpoint: new URL('authorize', url).href,
        token_endpoint: new URL('oauth/token', url).href,
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'token', 'id_token token'],
        subject_types_supported: ['public'],
      };
    } else if (path === JWKS_PATH) {
      counts.jwks += 1;
      body = { keys: [publicJwk] };
    } else {
      counts.other += 1;
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    url,
    kid,
    privateKey,
    counts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
