// Nothing secret leaves the SPA's servers, whichever way a file is asked for, and no other origin may read
// what they serve. Runs the real dev server and `vite preview` of a real build, each on a free port.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseEnv } from 'node:util';
import { findRepoRoot } from '@organizer/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpaServers, startSpaServers } from './e2e/spa-servers.ts';
import { rawRequest, spaDir, type ViteServer } from './e2e/vite-server.ts';

const MARKER = `organizer-spa-test-secret-${randomBytes(8).toString('hex')}`;
const forbidden = [MARKER, Buffer.from(MARKER).toString('base64'), Buffer.from(MARKER).toString('base64url')];
const FOREIGN_ORIGIN = 'http://localhost:5173';
const root = findRepoRoot();
const tag = randomBytes(4).toString('hex');
const ENV = { ...process.env, AUTH0_DOMAIN: '', AUTH0_CLIENT_ID: 'organizer-spa', AUTH0_AUDIENCE: 'organize' };

// A private key where the local tenant has kept its keys, a secret .env beside the workspace's, and the
// same kinds of files inside the SPA's own folder (which the dev server does serve).
const keysDir = join(root, 'apps', 'local-tenant', '.keys');
const insideDir = join(spaDir, `.test-secrets-${tag}`);
const fixtures = {
  tenantKey: join(keysDir, `spa-serving-test-${tag}.json`),
  rootEnv: join(root, `.env.spa-serving-test-${tag}`),
  spaEnv: join(insideDir, '.env'),
  spaPem: join(insideDir, 'tenant.pem'),
  spaKey: join(insideDir, '.keys', 'signing-keys.json'),
};
/** A developer's own root .env, if there is one: none of its values may come back either (never printed). */
const realRootEnv = join(root, '.env');
const fakeKey = JSON.stringify({
  keys: [{ jwk: { kty: 'RSA', kid: 'test', n: 'AQAB', e: 'AQAB', d: MARKER, p: MARKER, q: MARKER } }],
});
let createdKeysDir = false;

/** Every way the dev server serves a file: /@fs/ with the absolute path, paths relative to its root, query suffixes. */
function waysToAsk(file: string): string[] {
  const rel = relative(spaDir, file);
  const paths = [
    `/@fs${file}`,
    `/@id${file}`,
    `/${rel}`,
    `/${rel.replaceAll('..', '%2e%2e')}`,
    `/${rel.replaceAll('/', '%2f')}`,
    `/src/../${rel}`,
    `/${rel.replaceAll('..', '%252e%252e')}`,
  ];
  const queries = ['', '?raw', '?import', '?url', '?inline', '?import&raw', '?raw&url'];
  return paths.flatMap((path) => queries.map((query) => `${path}${query}`));
}

async function expectNothingServed(server: ViteServer): Promise<void> {
  const asked = [...Object.values(fixtures), realRootEnv].flatMap(waysToAsk);
  expect(asked.length).toBeGreaterThan(100);
  const leaks: string[] = [];
  for (const path of asked) {
    const response = await rawRequest(server.port, path, { Origin: FOREIGN_ORIGIN });
    if (forbidden.some((secret) => response.body.includes(secret)))
      leaks.push(`${response.status} with the secret: ${path}`);
    const cors = response.headers['access-control-allow-origin'];
    if (cors !== undefined) leaks.push(`${response.status} with Access-Control-Allow-Origin: ${cors}: ${path}`);
  }
  expect(leaks).toEqual([]);
}

describe('what the SPA servers hand out', () => {
  let servers: SpaServers | undefined;

  const started = () => {
    if (!servers) throw new Error('servers not started');
    return servers;
  };

  beforeAll(async () => {
    if (existsSync(realRootEnv)) {
      const values = Object.values(parseEnv(await readFile(realRootEnv, 'utf8')));
      forbidden.push(...values.filter((value): value is string => typeof value === 'string' && value.length >= 12));
    }
    createdKeysDir = !existsSync(keysDir);
    await mkdir(keysDir, { recursive: true });
    await mkdir(join(insideDir, '.keys'), { recursive: true });
    await writeFile(fixtures.tenantKey, fakeKey);
    await writeFile(fixtures.spaKey, fakeKey);
    await writeFile(fixtures.rootEnv, `AUTH0_M2M_CLIENT_SECRET=${MARKER}\n`);
    await writeFile(fixtures.spaEnv, `AUTH0_M2M_CLIENT_SECRET=${MARKER}\n`);
    await writeFile(fixtures.spaPem, `-----BEGIN PRIVATE KEY-----\n${MARKER}\n-----END PRIVATE KEY-----\n`);
    servers = await startSpaServers(ENV);
  });

  afterAll(async () => {
    await servers?.stop();
    await rm(insideDir, { recursive: true, force: true });
    await rm(fixtures.tenantKey, { force: true });
    await rm(fixtures.rootEnv, { force: true });
    if (createdKeysDir) await rmdir(keysDir).catch(() => undefined);
  });

  it('the dev server still serves the SPA itself, also through /@fs/ (so the checks below can fail)', async () => {
    const { dev } = started();
    const main = await rawRequest(dev.port, `/@fs${join(spaDir, 'src', 'main.ts')}`);
    expect(main.status).toBe(200);
    expect(main.body).toContain('startApp');
    expect((await rawRequest(dev.port, '/src/main.ts')).status).toBe(200);
  });

  it('the dev server serves no private key or .env file, by any path or query', async () => {
    const { dev } = started();
    await expectNothingServed(dev);
    // Outside the SPA's folder, /@fs/ is refused outright rather than answered with something else.
    for (const file of [fixtures.tenantKey, fixtures.rootEnv]) {
      for (const query of ['', '?raw', '?import', '?url']) {
        expect((await rawRequest(dev.port, `/@fs${file}${query}`)).status, `/@fs${file}${query}`).toBe(403);
      }
    }
  });

  it("the dev server's open-in-editor route does nothing, for another page or its own", async () => {
    const { dev } = started();
    for (const file of [fixtures.rootEnv, join(spaDir, 'src', 'main.ts'), '/etc/passwd']) {
      for (const headers of [{}, { Origin: FOREIGN_ORIGIN }] as Record<string, string>[]) {
        const answer = await rawRequest(dev.port, `/__open-in-editor?file=${encodeURIComponent(file)}`, headers);
        expect(answer.status, file).toBe(404);
      }
    }
  });

  it('vite preview of a build serves no private key or .env file, by any path or query', async () => {
    const { preview } = started();
    await expectNothingServed(preview);
  });

  it.each(['dev', 'preview'] as const)(
    'the %s server grants no CORS to another origin, not even on a preflight',
    async (which) => {
      const server = started()[which];
      for (const path of ['/', which === 'dev' ? '/src/main.ts' : '/index.html']) {
        const plain = await rawRequest(server.port, path, { Origin: FOREIGN_ORIGIN });
        expect(plain.status).toBe(200);
        expect(plain.headers['access-control-allow-origin']).toBeUndefined();
        const preflight = await rawRequest(
          server.port,
          path,
          { Origin: FOREIGN_ORIGIN, 'Access-Control-Request-Method': 'GET' },
          'OPTIONS',
        );
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      }
    },
  );
});
