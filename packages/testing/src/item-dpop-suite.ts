import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProofKey, type ProofKey, signProof } from './dpop-proof.ts';
import {
  type DataTarget,
  type ItemServiceSpec,
  type RunningItemService,
  type SuiteStore,
  startItemService,
  stopItemService,
} from './item-service.ts';

/** The one host both instances answer for, as behind one load balancer. */
const HOST = 'api.test';

/**
 * DPoP at an item service (DPOP_MODE's default, allowed): a bound token with its proof reads and writes;
 * each proof is accepted once by all the instances sharing the database, even when they get it at the
 * same moment; behind a proxy named by TRUST_PROXY the proof names the URL the browser called.
 */
export function describeItemDpop<Config, Store extends SuiteStore>(
  spec: ItemServiceSpec<Config, Store>,
  label: string,
  target: () => DataTarget,
): void {
  const route = `/api/${spec.service}`;
  const url = `http://${HOST}${route}`;
  let one: RunningItemService<Store>;
  let two: RunningItemService<Store>;
  let proxied: RunningItemService<Store>;
  let key: ProofKey;
  beforeAll(async () => {
    // One after another: the first migrates the database the others then open.
    one = await startItemService(spec, target());
    two = await startItemService(spec, target(), one.tenant);
    proxied = await startItemService(spec, target(), one.tenant, { TRUST_PROXY: 'loopback' });
    key = await createProofKey();
  });
  afterAll(async () => {
    await Promise.all([stopItemService(two), stopItemService(proxied)]);
    await stopItemService(one);
  });
  const token = (sub: string) =>
    one.tenant.mint({ sub, scope: `openid ${spec.read} ${spec.write}`, cnf: { jkt: key.jkt } });
  const get = (running: RunningItemService<Store>, accessToken: string, proof: string) =>
    request(running.server).get(route).set('Host', HOST).set('Authorization', `DPoP ${accessToken}`).set('DPoP', proof);

  describe(`${label}: DPoP at ${route}`, () => {
    it('reads and writes with a bound token and a proof per request', async () => {
      const at = await token(one.user('dana'));
      const read = await get(one, at, await signProof(key, { htm: 'GET', htu: url, accessToken: at }));
      expect(read.status).toBe(200);
      const created = await request(one.server)
        .post(route)
        .set('Host', HOST)
        .set('Authorization', `DPoP ${at}`)
        .set('DPoP', await signProof(key, { htm: 'POST', htu: url, accessToken: at }))
        .send(spec.sample(1).body);
      expect(created.status).toBe(201);
      const removed = await request(two.server)
        .delete(`${route}/${created.body.id}`)
        .set('Host', HOST)
        .set('Authorization', `DPoP ${at}`)
        .set('DPoP', await signProof(key, { htm: 'DELETE', htu: `${url}/${created.body.id}`, accessToken: at }));
      expect(removed.status).toBe(204);
    });

    it('accepts a proof once across instances, also when both get it at the same moment', async () => {
      const at = await token(one.user('erin'));
      const proof = await signProof(key, { htm: 'GET', htu: url, accessToken: at });
      expect((await get(one, at, proof)).status).toBe(200);
      const replayed = await get(two, at, proof);
      expect(replayed.status).toBe(401);
      expect(replayed.body.error).toBe('invalid_dpop_proof');
      expect(replayed.headers['www-authenticate']).toMatch(/^DPoP realm="organize", error="invalid_dpop_proof"/);

      const raced = await signProof(key, { htm: 'GET', htu: url, accessToken: at });
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => get(i % 2 ? one : two, at, raced)));
      expect(answers.filter((res) => res.status === 200)).toHaveLength(1);
      expect(answers.filter((res) => res.body.error === 'invalid_dpop_proof')).toHaveLength(19);
    });

    it('deletes expired proofs from the shared table', async () => {
      // The first proof an instance accepts starts its purge of expired rows; `proxied` has accepted none yet.
      await one.store.db.insertInto('dpop_proofs').values({ id: 'expired-proof', expires_at: 1 }).execute();
      const at = await token(one.user('fay'));
      const proof = await signProof(key, { htm: 'GET', htu: url, accessToken: at });
      const res = await request(proxied.server)
        .get(route)
        .set('X-Forwarded-Host', HOST)
        .set('Authorization', `DPoP ${at}`)
        .set('DPoP', proof);
      expect(res.status).toBe(200);
      const left = () => one.store.db.selectFrom('dpop_proofs').where('id', '=', 'expired-proof').selectAll().execute();
      await expect.poll(async () => (await left()).length).toBe(0);
    });

    it('behind a proxy (TRUST_PROXY=loopback) checks the URL the client called, and without it the one it reached', async () => {
      const at = await token(one.user('gus'));
      const called = `https://organizer.example${route}`;
      const viaProxy = (running: RunningItemService<Store>) =>
        signProof(key, { htm: 'GET', htu: called, accessToken: at }).then((proof) =>
          request(running.server)
            .get(route)
            .set('X-Forwarded-Proto', 'https')
            .set('X-Forwarded-Host', 'organizer.example')
            .set('Authorization', `DPoP ${at}`)
            .set('DPoP', proof),
        );
      expect((await viaProxy(proxied)).status).toBe(200);
      const untrusted = await viaProxy(one);
      expect(untrusted.status).toBe(401);
      expect(untrusted.body.error).toBe('invalid_dpop_proof');
    });
  });
}
