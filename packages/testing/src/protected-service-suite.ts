import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogCollector } from './log-collector.ts';
import { NOT_READY } from './readiness-probe.ts';
import { TestTenant } from './test-tenant.ts';

type Env = Record<string, string | undefined>;

/** The options the suite passes to a service's createApp (a part of createProtection's): where its request log goes. */
export interface SuiteAppOptions {
  readonly log?: (line: string) => void;
}

export interface ProtectedServiceSuite<Config> {
  /** The name in its log lines and /health answer, e.g. contacts. */
  service: string;
  /** Its protected route, e.g. /api/contacts. */
  route: string;
  /** The scope that route requires. */
  scope: string;
  /** Another service's scope, which must not open this route. */
  otherScope: string;
  /** A method the route does not serve, and the Allow header its 405 names. Default POST and "GET, HEAD". */
  unservedMethod?: { method: 'post' | 'put' | 'patch'; allow: string };
  loadConfig(env: Env): Config;
  createApp(config: Config, options?: SuiteAppOptions): Express;
  /** The app on a store of its own (`close` closes that store), for the readiness test. */
  createAppWithOwnStore(config: Config, options: SuiteAppOptions): Promise<{ app: Express; close(): Promise<void> }>;
}

/**
 * What every service built on packages/auth must do at its protected route, whatever its data: the
 * error contract, other methods, /health, CORS, the request log and AUDIENCE. One suite, run by each
 * service's own test file against its own createApp.
 */
export function describeProtectedService<Config>(s: ProtectedServiceSuite<Config>): void {
  let tenant: TestTenant;
  let app: Express;
  const logs = new LogCollector();
  const bearer = async (claims: Record<string, unknown>) => `Bearer ${await tenant.mint(claims)}`;

  beforeAll(async () => {
    tenant = await TestTenant.start();
    app = s.createApp(
      s.loadConfig({ ISSUER_BASE_URL: tenant.issuer, AUDIENCE: 'organize', SPA_ORIGIN: 'http://spa.test:3000' }),
      { log: logs.sink },
    );
  });
  afterAll(() => tenant.close());

  describe(`GET ${s.route}: refusals`, () => {
    it(`refuses the scope ${s.otherScope} with 403 naming ${s.scope}`, async () => {
      const res = await request(app)
        .get(s.route)
        .set('Authorization', await bearer({ scope: `openid ${s.otherScope}` }));
      expect(res.status).toBe(403);
      expect(res.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
      expect(res.headers['www-authenticate']).toMatch(new RegExp(`scope="${s.scope}"$`));
      expect(res.body.error).toBe('insufficient_scope');
    });

    it('refuses a request without a token with 401 and a Bearer challenge', async () => {
      const res = await request(app).get(s.route);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="organize"');
    });

    it('refuses a token for another audience', async () => {
      const res = await request(app)
        .get(s.route)
        .set('Authorization', await bearer({ aud: 'another-api', scope: s.scope }));
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('invalid_token');
    });
  });

  describe(`other methods on ${s.route}`, () => {
    it('refuse a token in a form body with 401, never using it', async () => {
      const token = await tenant.mint({ scope: s.scope });
      const res = await request(app).post(s.route).type('form').send({ access_token: token });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="organize"/);
    });

    it('answer a valid caller 405 with Allow', async () => {
      const { method, allow } = s.unservedMethod ?? { method: 'post', allow: 'GET, HEAD' };
      const res = await request(app)
        [method](s.route)
        .set('Authorization', await bearer({ scope: s.scope }));
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe(allow);
      expect(res.body.error).toBe('method_not_allowed');
    });
  });

  describe('GET /health and the browser', () => {
    it('is open', async () => {
      const res = await request(app).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', service: s.service });
    });

    it('lets the SPA origin read WWW-Authenticate, and gives another origin no CORS grant', async () => {
      const spa = await request(app).get(s.route).set('Origin', 'http://spa.test:3000');
      expect(spa.headers['access-control-allow-origin']).toBe('http://spa.test:3000');
      expect(spa.headers['access-control-expose-headers']).toBe('WWW-Authenticate,DPoP-Nonce');
      const other = await request(app).get(s.route).set('Origin', 'http://evil.test');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('GET /ready', () => {
    it('is open and 200 once the keys are loaded and the store answers, 503 naming the store once it is closed', async () => {
      const own = await s.createAppWithOwnStore(s.loadConfig({ ISSUER_BASE_URL: tenant.issuer }), { log: () => {} });
      try {
        // Without warmUp the first probe starts the fetch of the keys; it answers 503 until they are in.
        let ready = await request(own.app).get('/ready');
        for (let i = 0; i < 50 && ready.status !== 200; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          ready = await request(own.app).get('/ready');
        }
        expect(ready.status).toBe(200);
        expect(ready.body).toEqual({ status: 'ready' });
        expect(ready.headers['cache-control']).toBe('no-store');
        await own.close();
        const closed = await request(own.app).get('/ready');
        expect(closed.status).toBe(503);
        expect(closed.headers['retry-after']).toBe('5');
        expect(closed.body).toEqual(NOT_READY.store);
        expect((await request(own.app).get('/health')).status).toBe(200);
      } finally {
        await own.close();
      }
    });
  });

  describe('request log', () => {
    it('writes one JSON line per request with the subject, never the token', async () => {
      const token = await tenant.mint({ sub: 'auth0|logged', scope: s.scope });
      const before = logs.lines.length;
      await request(app).get(`${s.route}?limit=1`).set('Authorization', `Bearer ${token}`);
      expect(logs.lines.length).toBe(before + 1);
      const entry = logs.entries.at(-1);
      expect(entry).toEqual({
        level: 'info',
        time: expect.any(String),
        service: s.service,
        method: 'GET',
        path: s.route,
        status: 200,
        durationMs: expect.any(Number),
        sub: 'auth0|logged',
        msg: 'request',
      });
      expect(logs.lines.join('\n')).not.toContain(token.split('.')[2]);
    });
  });

  describe('AUDIENCE', () => {
    it('is the audience the service accepts, and the WWW-Authenticate realm', async () => {
      const custom = s.createApp(
        s.loadConfig({ ISSUER_BASE_URL: tenant.issuer, AUDIENCE: 'https://api.organizer.example' }),
        { log: () => {} },
      );
      const ok = await request(custom)
        .get(s.route)
        .set('Authorization', await bearer({ aud: 'https://api.organizer.example', scope: s.scope }));
      expect(ok.status).toBe(200);
      const organize = await request(custom)
        .get(s.route)
        .set('Authorization', await bearer({ scope: s.scope }));
      expect(organize.status).toBe(401);
      expect(organize.headers['www-authenticate']).toMatch(
        /^Bearer realm="https:\/\/api.organizer.example", error="invalid_token"/,
      );
    });
  });
}
