// The nginx deployment under load and faults (`pnpm test:load`, run by CI): 50 users (tokens of distinct
// users) create, list and delete for 60 s through nginx and two instances of each service on PostgreSQL,
// while one instance of each service is killed with SIGKILL and started again and PostgreSQL restarts once.
// Afterwards every write answered 201 is there and every 204 is gone, and no answer was a 5xx other than
// 503 with Retry-After. Loopback only; bounded in time.
import { TestTenant } from '@organizer/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, listAll, runUser, type UserRecord } from './e2e/load-users.ts';
import { missingForDeployment, type NginxDeployment, SERVICES, startNginxDeployment } from './e2e/nginx-deployment.ts';

const USERS = 50;
const SECONDS = 60;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const missing = missingForDeployment();

describe.skipIf(missing.length > 0 && process.env.CI !== 'true')('the nginx deployment under load and faults', () => {
  let tenant: TestTenant;
  let deployment: NginxDeployment;
  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`CI=true and ${missing.join('; ')}`);
    tenant = await TestTenant.start();
    deployment = await startNginxDeployment({ issuer: tenant.issuer });
  }, 420_000);
  afterAll(async () => {
    await deployment?.stop();
    await tenant?.close();
  }, 60_000);

  it(
    `${USERS} users for ${SECONDS} s, one instance of each service killed and restarted, PostgreSQL restarted: nothing lost`,
    async () => {
      const { spaUrl, instances, cluster } = deployment;
      const scope = 'read:contacts write:contacts read:calendar write:calendar';
      const tokens = await Promise.all(
        Array.from({ length: USERS }, (_, i) => tenant.mint({ sub: `auth0|load-${process.pid}-${i}`, scope })),
      );
      const answers: Answer[] = [];
      const started = performance.now();
      const deadline = started + SECONDS * 1000;
      const users = Promise.all(tokens.map((token) => runUser(spaUrl, token, deadline, answers)));
      const faults: string[] = [];
      const at = async (second: number, what: string, fault: () => Promise<unknown>) => {
        await sleep(Math.max(0, started + second * 1000 - performance.now()));
        const began = performance.now();
        await fault();
        faults.push(`${what} at ${second} s (${Math.round(performance.now() - began)} ms)`);
      };
      await at(12, 'SIGKILL contacts 1', async () => instances.contacts[0]!.part.child.kill('SIGKILL'));
      await at(16, 'contacts 1 started again', () => instances.contacts[0]!.restart());
      await at(28, 'SIGKILL calendar 2', async () => instances.calendar[1]!.part.child.kill('SIGKILL'));
      await at(32, 'calendar 2 started again', () => instances.calendar[1]!.restart());
      await at(44, 'PostgreSQL restarted', () => cluster.restart());
      const records: UserRecord[] = await users;
      const seconds = (performance.now() - started) / 1000;

      // What was answered 201 is kept, what was answered 204 is gone, through every instance now up.
      const lost: string[] = [];
      for (const record of records) {
        for (const service of SERVICES) {
          const listed = await listAll(spaUrl, service, record.token).catch((error: unknown) => {
            throw new Error(`${String(error)}\n${deployment.logs()}`);
          });
          for (const id of record.created[service])
            if (!listed.has(id) && !record.deleted[service].has(id) && !record.unsure[service].has(id))
              lost.push(`${service} ${id} (201) is missing`);
          for (const id of record.deleted[service])
            if (listed.has(id)) lost.push(`${service} ${id} (204) is still there`);
        }
      }

      const counts: Record<string, number> = {};
      for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
      const ms = answers.map((answer) => answer.ms).sort((a, b) => a - b);
      const quantile = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]?.toFixed(1);
      const writes = records.reduce((sum, r) => sum + r.created.contacts.size + r.created.calendar.size, 0);
      console.info(
        `load and faults: ${answers.length} requests in ${seconds.toFixed(1)} s (${Math.round(answers.length / seconds)}/s), ` +
          `p50 ${quantile(0.5)} ms, p99 ${quantile(0.99)} ms; statuses ${JSON.stringify(counts)}; ${writes} creates answered 201; ` +
          `faults: ${faults.join(', ')}`,
      );
      expect(lost).toEqual([]);
      // Every answer is one of the contract's: no network error, no 5xx but a 503 with Retry-After.
      const unexpected = answers.filter(
        (a) =>
          !(
            [200, 201, 204].includes(a.status) ||
            (a.status === 503 && a.retryable === true) ||
            (a.status === 404 && a.detail?.startsWith('DELETE'))
          ),
      );
      expect(unexpected.map((a) => `${a.status} ${a.detail ?? ''}`)).toEqual([]);
      expect(counts[201] ?? 0).toBeGreaterThan(USERS * 10);
    },
    (SECONDS + 120) * 1000,
  );
});
