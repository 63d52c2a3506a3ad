import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DataTarget, type ItemServiceSpec, type SuiteStore, useItemService } from './item-service.ts';
import { expectAnswerDocumented, expectValidOpenApi } from './openapi-check.ts';

/**
 * GET /openapi.json of an item service: open, valid OpenAPI 3.1, naming each route's permission; and the
 * service's real answers, one of each status the document lists, match it (status, headers, body schema).
 */
export function describeItemOpenApi<Config, Store extends SuiteStore>(
  spec: ItemServiceSpec<Config, Store>,
  target: () => DataTarget,
): void {
  const route = `/api/${spec.service}`;
  // Room for one item over the demo ones, so that the second create meets the cap.
  const s = useItemService(spec, target, { MAX_ITEMS_PER_USER: String(spec.demoCount + 1) });
  let document: Record<string, unknown>;
  beforeAll(async () => {
    document = (await request(s().server).get('/openapi.json')).body;
  });

  describe('GET /openapi.json', () => {
    it('is open, valid OpenAPI 3.1, and names the permission of each route', async () => {
      const res = await request(s().server).get('/openapi.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      await expectValidOpenApi(document);
      const paths = document.paths as Record<string, Record<string, { security: { organize: string[] }[] }>>;
      expect(paths[route]?.get?.security).toEqual([{ organize: [spec.read] }]);
      expect(paths[route]?.post?.security).toEqual([{ organize: [spec.write] }]);
      expect(paths[`${route}/{id}`]?.delete?.security).toEqual([{ organize: [spec.write] }]);
    });

    it('matches what the service answers, for every status it lists', async () => {
      const server = s().server;
      const sub = s().user('openapi');
      const auth = await s().bearer(sub);
      const check = (method: string, path: string, res: request.Response) =>
        expectAnswerDocumented(document, method, path, res);
      const post = (body: unknown, authorization = auth) =>
        request(server)
          .post(route)
          .set('Authorization', authorization)
          .send(body as object);

      check('GET', route, await request(server).get(route).set('Authorization', auth));
      check('GET', route, await request(server).get(`${route}?limit=500`).set('Authorization', auth));
      check('GET', route, await request(server).get(route));
      check('GET', route, await request(server).get(route).set('Authorization', 'Bearer not.a.jwt'));
      const created = await post(spec.sample(1).body);
      expect(created.status).toBe(201);
      check('POST', route, created);
      const full = await post(spec.sample(2).body);
      expect(full.status).toBe(409);
      check('POST', route, full);
      check('POST', route, await post({ unknown: true }));
      check('POST', route, await post(spec.sample(3).body, await s().bearer(sub, spec.read)));
      const text = await request(server)
        .post(route)
        .set('Authorization', auth)
        .set('Content-Type', 'text/plain')
        .send('hi');
      expect(text.status).toBe(415);
      check('POST', route, text);
      const big = await request(server)
        .post(route)
        .set('Authorization', auth)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ padding: 'x'.repeat(20_000) }));
      expect(big.status).toBe(413);
      check('POST', route, big);
      const id = String(created.body.id);
      check('DELETE', `${route}/{id}`, await request(server).delete(`${route}/${id}`).set('Authorization', auth));
      check('DELETE', `${route}/{id}`, await request(server).delete(`${route}/${id}`).set('Authorization', auth));
      check('DELETE', `${route}/{id}`, await request(server).delete(`${route}/${id}`));
    });
  });
}
