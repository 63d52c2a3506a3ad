import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpa } from './e2e/vite-server.ts';

const SECRET = 'bundle-test-secret-7f3a9c';

describe('the production bundle', () => {
  let outDir = '';
  let js = '';
  /** What the app's page (index.html) loads: its entry and the chunks it preloads, never the API console's. */
  let appJs = '';

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'organizer-spa-build-'));
    await buildSpa(outDir, {
      ...process.env,
      AUTH0_CLIENT_ID: 'bundle-test-client',
      AUTH0_M2M_CLIENT_SECRET: SECRET,
      AUTH0_M2M_CLIENT_ID: 'bundle-test-m2m',
    });
    const assets = join(outDir, 'assets');
    const all = await readdir(assets);
    expect(all.filter((file) => file.endsWith('.map'))).toEqual([]);
    const files = all.filter((file) => file.endsWith('.js'));
    js = (await Promise.all(files.map((file) => readFile(join(assets, file), 'utf8')))).join('\n');
    const page = await readFile(join(outDir, 'index.html'), 'utf8');
    const loaded = [...page.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((match) => match[1] ?? '');
    expect(loaded.length).toBeGreaterThan(0);
    appJs = (await Promise.all(loaded.map((file) => readFile(join(assets, file), 'utf8')))).join('\n');
  });

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  // The settings come from /config.json at run time: the build is the same for every environment.
  it('carries nothing from the environment, not even the SPA variables', async () => {
    expect(js).not.toContain('bundle-test-client');
    expect(js).toContain('/config.json');
    expect(js).not.toContain(SECRET);
    expect(js).not.toContain('bundle-test-m2m');
    expect(await readFile(join(outDir, 'index.html'), 'utf8')).not.toContain(SECRET);
  });

  // The code flow checks its ID token with jose (signature against the JWKS) and signs its DPoP proofs with
  // it (a key pair, its thumbprint, a JWT): about 10 KB of jose in all (72.1 KB gzipped in all, 7 Dec 2026).
  it('stays within 75 KB of gzipped JavaScript (auth0-js alone is about 51 KB, jose’s ID token check and DPoP proofs about 10 KB)', () => {
    const gzipped = gzipSync(appJs).length;
    console.info(`SPA JavaScript: ${(appJs.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    expect(gzipped).toBeLessThanOrEqual(75 * 1024);
  });

  it('keeps Swagger UI out of the app: only the API console (api-docs/index.html) loads it', async () => {
    expect(appJs).not.toContain('swagger');
    const consolePage = await readFile(join(outDir, 'api-docs', 'index.html'), 'utf8');
    expect(consolePage).toMatch(/src="\/assets\/apiDocs-[^"]+\.js"/);
  });
});
