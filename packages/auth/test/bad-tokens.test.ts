import { createSigningKey, TestTenant } from '@organizer/testing';
import express from 'express';
import { base64url, SignJWT } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protectedTestApp } from './support/protected-app.ts';

let tenant: TestTenant;
let app: express.Express;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  tenant = await TestTenant.start();
  // A body parser in front of the routes proves a body token is refused even when the body is read.
  ({ app } = protectedTestApp(tenant.issuer, { cache: false }, [express.urlencoded({ extended: false })]));
});
afterAll(() => tenant.close());

const THINGS = '/api/things';
const BARE_CHALLENGE = 'Bearer realm="organize"';

function expectInvalidToken(res: request.Response): void {
  expect(res.status).toBe(401);
  expect(res.headers['www-authenticate']).toMatch(
    /^Bearer realm="organize", error="invalid_token", error_description="[^"]+"$/,
  );
  expect(res.body.error).toBe('invalid_token');
  expect(typeof res.body.error_description).toBe('string');
}

describe('requests without usable credentials get a bare Bearer challenge', () => {
  it.each([
    ['no Authorization header', undefined],
    ['the Basic scheme', `Basic ${Buffer.from('alice:pw').toString('base64')}`],
    ['an empty Bearer', 'Bearer '],
    ['Bearer with two words', 'Bearer a b'],
  ])('%s -> 401', async (_name, header) => {
    const req = request(app).get(THINGS);
    const res = await (header === undefined ? req : req.set('Authorization', header));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(BARE_CHALLENGE);
    expect(res.body).toEqual({ error: 'unauthorized', error_description: expect.any(String) });
  });
});

describe('bad tokens get 401 invalid_token', () => {
  it('garbage', async () => {
    expectInvalidToken(await request(app).get(THINGS).set('Authorization', 'Bearer not.a.jwt'));
  });

  it('a tampered payload (signature no longer matches)', async () => {
    const [head, , sig] = (await tenant.mint({ scope: 'read:things' })).split('.');
    const forged = base64url.encode(
      JSON.stringify({
        iss: tenant.issuer,
        aud: 'organize',
        sub: 'auth0|mallory',
        iat: now(),
        exp: now() + 60,
        scope: 'read:things',
      }),
    );
    expectInvalidToken(await request(app).get(THINGS).set('Authorization', `Bearer ${head}.${forged}.${sig}`));
  });

  it('a foreign key using the published kid', async () => {
    const foreign = await createSigningKey(tenant.current.kid);
    const token = await tenant.mint({ scope: 'read:things' }, { key: foreign });
    expectInvalidToken(await request(app).get(THINGS).set('Authorization', `Bearer ${token}`));
  });

  it('alg none', async () => {
    const head = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const body = base64url.encode(
      JSON.stringify({
        iss: tenant.issuer,
        aud: 'organize',
        sub: 'x',
        iat: now(),
        exp: now() + 60,
        scope: 'read:things',
      }),
    );
    expectInvalidToken(await request(app).get(THINGS).set('Authorization', `Bearer ${head}.${body}.`));
  });

  it('HS256 signed with the public key as the secret', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(tenant.current.publicJwk));
    const token = await new SignJWT({ scope: 'read:things' })
      .setProtectedHeader({ alg: 'HS256', kid: tenant.current.kid })
      .setIssuer(tenant.issuer)
      .setAudience('organize')
      .setSubject('auth0|mallory')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
    expectInvalidToken(await request(app).get(THINGS).set('Authorization', `Bearer ${token}`));
  });

  it.each([
    ['expired', { exp: now() - 60 }, []],
    ['not yet valid (nbf in the future)', { nbf: now() + 600 }, []],
    ['iat in the future', { iat: now() + 600 }, []],
    ['the wrong issuer', { iss: 'http://127.0.0.1:1/' }, []],
    ['the issuer without its trailing slash', { iss: 'ISSUER_WITHOUT_SLASH' }, []],
    ['the wrong audience', { aud: 'another-api' }, []],
    ['no exp', {}, ['exp']],
    ['no iat', {}, ['iat']],
    ['no sub', {}, ['sub']],
    ['scope as an array', { scope: ['read:things'] }, []],
    ['scope as a number', { scope: 42 }, []],
    [
      'a DPoP-bound token (cnf.jkt) sent as Bearer',
      { cnf: { jkt: 'x3JtqeMIqRrDCz5LlwcNb8JzDgS0VB7QzcE1NaxwQjk' } },
      [],
    ],
  ])('%s', async (_name, claims: Record<string, unknown>, omit: string[]) => {
    const fixed = claims.iss === 'ISSUER_WITHOUT_SLASH' ? { ...claims, iss: tenant.issuer.replace(/\/$/, '') } : claims;
    const token = await tenant.mint({ scope: 'read:things', ...fixed }, { omit });
    expectInvalidToken(await request(app).get(THINGS).set('Authorization', `Bearer ${token}`));
  });

  it('a valid token in another spelling of its base64url: padded, in standard base64, or with a stray bit', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let token = await tenant.mint({ scope: 'read:things' });
    // A signature with - or _ in it, so that its standard-base64 spelling differs.
    while (!/[-_]/.test(token.split('.')[2]!)) token = await tenant.mint({ scope: 'read:things' });
    expect((await request(app).get(THINGS).set('Authorization', `Bearer ${token}`)).status).toBe(200);
    // 2048 bits of RS256 signature in 342 characters: the last one carries 2 bits and 4 unused ones.
    const last = alphabet.indexOf(token.at(-1)!);
    const strayBit = `${token.slice(0, -1)}${alphabet[last ^ 1]}`;
    const [head, body, sig] = token.split('.') as [string, string, string];
    for (const spelling of [
      `${token}=`,
      `${head}.${body}.${sig.replaceAll('-', '+').replaceAll('_', '/')}`,
      strayBit,
      `${head}=.${body}.${sig}`,
    ]) {
      expect(Buffer.from(spelling.split('.')[2]!, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
      expectInvalidToken(await request(app).get(THINGS).set('Authorization', `Bearer ${spelling}`));
    }
  });

  it('says "expired" for an expired token, and nothing internal', async () => {
    const res = await request(app)
      .get(THINGS)
      .set('Authorization', `Bearer ${await tenant.mint({ exp: now() - 60 })}`);
    expect(res.body.error_description).toBe('The access token has expired');
    expect(res.headers['www-authenticate']).not.toMatch(/claim|timestamp|jose|Error/);
    const missing = await request(app)
      .get(THINGS)
      .set('Authorization', `Bearer ${await tenant.mint({}, { omit: ['exp'] })}`);
    expect(missing.body.error_description).toBe('The access token is invalid');
  });
});

describe('tokens outside the Authorization header are refused, never used', () => {
  it('a valid token in the query string -> 401 invalid_request', async () => {
    const token = await tenant.mint({ scope: 'read:things' });
    const res = await request(app).get(`${THINGS}?access_token=${token}`);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="organize", error="invalid_request"/);
    expect(res.body.error).toBe('invalid_request');
  });

  it('a valid token in a form body -> 401 invalid_request', async () => {
    const token = await tenant.mint({ scope: 'read:things' });
    const res = await request(app).post(THINGS).type('form').send({ access_token: token });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_request');
  });

  it('even beside a valid header token', async () => {
    const token = await tenant.mint({ scope: 'read:things' });
    const res = await request(app).get(`${THINGS}?access_token=x`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_request');
  });
});

describe('valid tokens', () => {
  it('without the scope -> 403 insufficient_scope naming it', async () => {
    const res = await request(app)
      .get(THINGS)
      .set('Authorization', `Bearer ${await tenant.mint({ scope: 'openid read:other' })}`);
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="organize", error="insufficient_scope", error_description="The access token lacks the scope read:things", scope="read:things"',
    );
    expect(res.body).toEqual({
      error: 'insufficient_scope',
      error_description: 'The access token lacks the scope read:things',
    });
  });

  it('with no scope claim at all -> 403', async () => {
    const res = await request(app)
      .get(THINGS)
      .set('Authorization', `Bearer ${await tenant.mint({}, { omit: ['scope'] })}`);
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('insufficient_scope');
  });

  it('with the scope -> 200, and the token is matched exactly (no prefix scope)', async () => {
    const ok = await request(app)
      .get(THINGS)
      .set('Authorization', `Bearer ${await tenant.mint({ scope: 'openid read:things' })}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ sub: 'auth0|alice' });
    const prefix = await request(app)
      .get(THINGS)
      .set('Authorization', `Bearer ${await tenant.mint({ scope: 'read:thing' })}`);
    expect(prefix.status).toBe(403);
  });

  it('with an audience array containing ours -> 200; the scheme name is case-insensitive', async () => {
    const token = await tenant.mint({ scope: 'read:things', aud: ['organize', `${tenant.issuer}userinfo`] });
    const res = await request(app).get(THINGS).set('Authorization', `bearer ${token}`);
    expect(res.status).toBe(200);
  });

  it('answers the DPoP scheme with an unbound token 401 invalid_token, with a DPoP challenge', async () => {
    const token = await tenant.mint({ scope: 'read:things' });
    const res = await request(app).get(THINGS).set('Authorization', `DPoP ${token}`).set('DPoP', 'x.y.z');
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_token');
    expect(res.headers['www-authenticate']).toMatch(/^DPoP realm="organize", error="invalid_token", .*algs="ES256 /);
  });
});

describe('the rest of the error contract', () => {
  it('unknown routes are JSON 404s; /health is open', async () => {
    const missing = await request(app).get('/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('not_found');
    const health = await request(app).get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
  });
});
