import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failedStart, type RunningService, startService, TestTenant } from '@organizer/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `pnpm bench:baseline`: the library-alone baseline as a server configured like the contacts service.
const scriptsDir = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = 'src/bench-baseline.ts';

describe('pnpm bench:baseline', () => {
  let tenant: TestTenant;
  let baseline: RunningService;
  let dataDir = '';
  beforeAll(async () => {
    tenant = await TestTenant.start();
    dataDir = await mkdtemp(join(tmpdir(), 'organizer-baseline-test-'));
    const env = {
      PORT: '0',
      ISSUER_BASE_URL: tenant.issuer,
      AUDIENCE: tenant.audience,
      SPA_ORIGIN: 'http://spa.test:3000',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
    };
    baseline = await startService(scriptsDir, env, ENTRY);
  });
  afterAll(async () => {
    await baseline?.stop();
    await tenant?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves the contacts service's routes with the library's own answers", async () => {
    const url = `${baseline.url}/api/contacts`;
    expect(baseline.output()).toContain(`baseline: data in SQLite file ${join(dataDir, 'contacts.sqlite')}`);
    expect((await fetch(`${baseline.url}/health`)).status).toBe(200);
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    // The library's defaults: its own realm, and DPoP offered beside Bearer.
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer realm="api", DPoP algs="/);
    const auth = `Bearer ${await tenant.mint({ sub: 'auth0|baseline', scope: 'read:contacts write:contacts' })}`;
    const listed = await fetch(url, { headers: { authorization: auth, origin: 'http://spa.test:3000' } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe('http://spa.test:3000');
    expect(((await listed.json()) as { contacts: unknown[] }).contacts).toHaveLength(4);
    const headers = { authorization: auth, 'content-type': 'application/json' };
    const body = JSON.stringify({ name: 'Ada', email: 'ada@example.com' });
    const created = await fetch(url, { method: 'POST', headers, body });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await fetch(`${url}/${id}`, { method: 'DELETE', headers: { authorization: auth } })).status).toBe(204);
    expect((await fetch(`${url}/${id}`, { method: 'DELETE', headers: { authorization: auth } })).status).toBe(404);
    const reader = `Bearer ${await tenant.mint({ sub: 'auth0|baseline', scope: 'read:contacts' })}`;
    expect((await fetch(url, { method: 'POST', headers: { ...headers, authorization: reader }, body })).status).toBe(
      403,
    );
    // Without BENCH_READER, the benchmark's unprotected routes are not there.
    expect((await fetch(`${baseline.url}/bench/open-read`)).status).toBe(404);
  });

  it('refuses a bad variable as the service does: its message, no stack, exit 1', async () => {
    const result = await failedStart(scriptsDir, { PORT: 'http', DATABASE_URL: '' }, ENTRY);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^baseline: PORT must be a port number from 0 to 65535 \("http"\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
