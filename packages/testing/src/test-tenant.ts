import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { freePort } from './free-port.ts';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** How the test tenant answers: normally, with 500s, or not at all (accepts and stays silent). */
export type TenantMode = 'up' | 'failing' | 'silent';

export interface MintOptions {
  /** Signing key; default the tenant's current one. */
  readonly key?: SigningKey;
  /** Header fields to add or override (kid, alg, typ). */
  readonly header?: Record<string, unknown>;
  /** Claims to leave out entirely. */
  readonly omit?: readonly string[];
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicJwk };
}

/**
 * A tenant for tests: real RSA keys, an OpenID discovery document and a JWKS served over HTTP on a free
 * port, counting every fetch. `mint` signs access tokens shaped like Auth0's.
 */
export class TestTenant {
  discoveryFetches = 0;
  jwksFetches = 0;
  mode: TenantMode = 'up';
  audience = 'organize';
  /** Keys the JWKS publishes; `current` signs new tokens. */
  published: SigningKey[];
  current: SigningKey;

  private readonly server: Server;
  readonly issuer: string;

  private constructor(server: Server, issuer: string, first: SigningKey) {
    this.server = server;
    this.issuer = issuer;
    this.current = first;
    this.published = [first];
  }

  /** Listens on a free port, or on `port` (to play a tenant that comes up after the service). */
  static async start(options: { audience?: string; port?: number } = {}): Promise<TestTenant> {
    const first = await createSigningKey('key-1');
    let tenant: TestTenant | undefined;
    const server = createServer((req, res) => tenant?.answer(req.url ?? '', res));
    server.listen(options.port ?? 0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    tenant = new TestTenant(server, `http://127.0.0.1:${port}/`, first);
    tenant.audience = options.audience ?? 'organize';
    return tenant;
  }

  private answer(url: string, res: ServerResponse): void {
    if (this.mode === 'silent') return; // keep the socket open and say nothing
    if (url === '/.well-known/openid-configuration') this.discoveryFetches += 1;
    else if (url === '/.well-known/jwks.json') this.jwksFetches += 1;
    if (this.mode === 'failing') {
      res.writeHead(500).end();
      return;
    }
    if (url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          issuer: this.issuer,
          jwks_uri: `${this.issuer}.well-known/jwks.json`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (url === '/.well-known/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: this.published.map((key) => key.publicJwk) }));
    } else {
      res.writeHead(404).end();
    }
  }

  /** Publishes a new key next to the old ones and signs with it from now on (a tenant's key rotation). */
  async rotate(kid: string): Promise<SigningKey> {
    const key = await createSigningKey(kid);
    this.published = [...this.published, key];
    this.current = key;
    return key;
  }

  /** An access token like Auth0's for a user: iss, aud, sub, iat, exp (1 h), scope, azp. */
  async mint(claims: JWTPayload = {}, options: MintOptions = {}): Promise<string> {
    const key = options.key ?? this.current;
    const now = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = {
      iss: this.issuer,
      aud: this.audience,
      sub: 'auth0|alice',
      azp: 'organizer-spa',
      iat: now,
      exp: now + 3600,
      scope: 'openid profile',
      ...claims,
    };
    for (const claim of options.omit ?? []) delete payload[claim];
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...options.header })
      .sign(key.privateKey);
  }

  /** A client-credentials token like Auth0's for a machine-to-machine application. */
  mintForClient(clientId: string, scope: string): Promise<string> {
    return this.mint({
      sub: `${clientId}@clients`,
      azp: clientId,
      client_id: clientId,
      gty: 'client-credentials',
      scope,
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An issuer URL where nothing listens: a port that was free a moment ago. */
export async function unreachableIssuer(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}/`;
}
