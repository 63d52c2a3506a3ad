import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { type DataTarget, type ItemServiceSpec, type SuiteStore, useItemService } from './item-service.ts';

const ID = '2f1c4a52-8a5e-4c1b-9d3e-1b2c3d4e5f60';

/**
 * The rules of an item service's requests, whatever its items: a permission per method, machine clients
 * read only, the token checked before the body is read, bad input refused without a change, other methods
 * and the SPA's preflight. `invalid` lists the service's own bad bodies and the 400 message each gets.
 */
export function describeItemRules<Config, Store extends SuiteStore>(
  spec: ItemServiceSpec<Config, Store>,
  target: () => DataTarget,
  invalid: readonly (readonly [what: string, body: unknown, description: string])[],
): void {
  const s = useItemService(spec, target);
  const route = `/api/${spec.service}`;
  const ok = spec.sample(0).body;
  const api = () => request(s().server);
  const m2m = async (scope: string) => `Bearer ${await s().tenant.mintForClient('organizer-m2m', scope)}`;
  const post = async (body: string | object, auth?: string, type = 'application/json') => {
    const req = api().post(route).set('Content-Type', type);
    return (auth === undefined ? req : req.set('Authorization', auth)).send(body);
  };

  describe('a permission per method', () => {
    const [otherRead, otherWrite] = spec.otherPermissions;
    it.each([
      ['GET', spec.write, spec.read],
      ['POST', spec.read, spec.write],
      ['DELETE', spec.read, spec.write],
      ['POST', `${otherRead} ${otherWrite}`, spec.write],
    ])('%s with only %s is 403 naming %s', async (method, scope, required) => {
      const auth = await s().bearer(s().user('bob'), scope);
      const res =
        method === 'GET'
          ? await api().get(route).set('Authorization', auth)
          : method === 'POST'
            ? await post(ok, auth)
            : await api().delete(`${route}/${ID}`).set('Authorization', auth);
      expect(res.status).toBe(403);
      expect(res.headers['www-authenticate']).toBe(
        `Bearer realm="organize", error="insufficient_scope", error_description="The access token lacks the scope ${required}", scope="${required}"`,
      );
      expect(res.body).toEqual({
        error: 'insufficient_scope',
        error_description: `The access token lacks the scope ${required}`,
      });
    });

    it(`refuses the M2M client's write without ${spec.write} (its grant) with 403 naming it`, async () => {
      const res = await post(ok, await m2m(spec.read));
      expect(res.status).toBe(403);
      expect(res.headers['www-authenticate']).toMatch(new RegExp(`scope="${spec.write}"$`));
    });

    it(`refuses a machine-to-machine client even with ${spec.write}: it owns nothing (403, body unread)`, async () => {
      const token = await m2m(`${spec.read} ${spec.write}`);
      const created = await post('{not json', token);
      expect(created.status).toBe(403);
      expect(created.headers['www-authenticate']).toBeUndefined();
      expect(created.body).toEqual({
        error: 'access_denied',
        error_description: `A machine-to-machine client acts for no user, so it has no ${spec.items} to add or delete`,
      });
      const del = await api().delete(`${route}/${ID}`).set('Authorization', token);
      expect(del.status).toBe(403);
      expect(del.body.error).toBe('access_denied');
      const owned = await s()
        .store.db.selectFrom(spec.items)
        .select('id')
        .where('owner', 'like', 'organizer-m2m%')
        .execute();
      expect(owned).toEqual([]);
    });
  });

  describe('authentication before the body', () => {
    it.each([
      ['malformed JSON', 'application/json', '{"name": '],
      ['a body over 16 KB', 'application/json', JSON.stringify({ name: 'x'.repeat(20_000) })],
      ['a text body', 'text/plain', 'name=x'],
    ])('answers %s without a token 401, not 400, 413 or 415', async (_what, type, body) => {
      const res = await post(body, undefined, type);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="organize"');
      expect(res.body.error).toBe('unauthorized');
    });

    it('answers malformed JSON with an invalid token 401 invalid_token, and with a read-only token 403', async () => {
      const bad = await post('{"name": ', `${await s().bearer(s().user('x'))}x`);
      expect(bad.status).toBe(401);
      expect(bad.body.error).toBe('invalid_token');
      const reader = await post('{"name": ', await s().bearer(s().user('bob'), spec.read));
      expect(reader.status).toBe(403);
    });

    it('answers a DELETE of a malformed id without a token 401, not 400', async () => {
      expect((await api().delete(`${route}/not-an-id`)).status).toBe(401);
    });

    it('answers a path it cannot decode (%zz) 400 invalid_request, not 500, with or without a token', async () => {
      for (const auth of [undefined, await s().bearer(s().user('alice'), spec.write)]) {
        for (const method of ['get', 'delete'] as const) {
          const req = api()[method](`${route}/%zz`);
          const res = await (auth ? req.set('Authorization', auth) : req);
          expect(res.status, `${method} ${auth ? 'with' : 'without'} a token`).toBe(400);
          expect(res.body).toEqual({ error: 'invalid_request', error_description: 'The request is malformed' });
        }
      }
    });
  });

  describe('bad input: 400 naming the field and the rule, and nothing changes', () => {
    it.each(invalid)('%s', async (_what, body, description) => {
      const alice = s().user('alice');
      const before = await api()
        .get(route)
        .set('Authorization', await s().bearer(alice));
      const res = await post(body as object, await s().bearer(alice));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'invalid_request', error_description: description });
      expect(res.headers['cache-control']).toBe('no-store');
      const after = await api()
        .get(route)
        .set('Authorization', await s().bearer(alice));
      expect(after.body[spec.items]).toEqual(before.body[spec.items]);
    });

    it.each([
      ['malformed JSON', '{"name": "Ada",'],
      ['JSON null', 'null'],
    ])('%s is 400 invalid_request', async (_what, body) => {
      const res = await post(body, await s().bearer(s().user('alice')));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: 'invalid_request',
        error_description: 'The request body is not valid JSON (send one JSON object)',
      });
    });

    it('a form body is 415, and a body over 16 KB is 413', async () => {
      const auth = await s().bearer(s().user('alice'));
      const form = await api().post(route).set('Authorization', auth).type('form').send(ok);
      expect(form.status).toBe(415);
      expect(form.body).toEqual({
        error: 'unsupported_media_type',
        error_description: 'Send the body as JSON, with Content-Type: application/json',
      });
      const big = await post({ ...ok, padding: '1'.repeat(16 * 1024) }, auth);
      expect(big.status).toBe(413);
      expect(big.body).toEqual({
        error: 'content_too_large',
        error_description: 'The request body is larger than 16 KB',
      });
    });
  });

  describe('other methods', () => {
    it('answer 405 with Allow once authenticated, and 401 before', async () => {
      const auth = await s().bearer(s().user('alice'));
      const put = await api().put(route).set('Authorization', auth);
      expect(put.status).toBe(405);
      expect(put.headers.allow).toBe('GET, HEAD, POST');
      for (const res of [
        await api().get(`${route}/${ID}`).set('Authorization', auth),
        await api().patch(`${route}/${ID}`).set('Authorization', auth),
      ]) {
        expect(res.status).toBe(405);
        expect(res.headers.allow).toBe('DELETE');
      }
      expect((await api().put(route)).status).toBe(401);
      expect((await api().patch(`${route}/${ID}`)).status).toBe(401);
    });

    it('let the SPA preflight a JSON POST and a DELETE', async () => {
      for (const [path, method] of [
        [route, 'POST'],
        [`${route}/${ID}`, 'DELETE'],
      ] as const) {
        const res = await api()
          .options(path)
          .set('Origin', 'http://spa.test:3000')
          .set('Access-Control-Request-Method', method)
          .set('Access-Control-Request-Headers', 'authorization,content-type');
        expect(res.status).toBe(204);
        expect(res.headers['access-control-allow-origin']).toBe('http://spa.test:3000');
        expect(res.headers['access-control-allow-methods']).toBe('GET,POST,DELETE');
        expect(res.headers['access-control-allow-headers']).toBe('Authorization,Content-Type,DPoP');
      }
    });
  });
}
