import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_PAGE_DIR, PLANTED_IN_BUILD, pnpmBuildOnce } from './e2e/build.ts';

const SECRET = PLANTED_IN_BUILD.AUTH0_M2M_CLIENT_SECRET;

// The run's one `pnpm build`, made with the SPA's variables and a secret in its environment (PLANTED_IN_BUILD).
describe('the production bundle', () => {
  const outDir = BUILT_PAGE_DIR;
  let js = '';
  /** What the app's page (index.html) loads: its entry and the chunks it preloads, never the API console's. */
  let appJs = '';

  beforeAll(async () => {
    const build = await pnpmBuildOnce();
    if (build.code !== 0) throw new Error(`pnpm build exited ${build.code}:\n${build.output.slice(-4000)}`);
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

  // The settings come from /config.json at run time: the build is the same for every environment.
  it('carries nothing from the environment, not even the SPA variables', async () => {
    expect(js).not.toContain(PLANTED_IN_BUILD.AUTH0_CLIENT_ID);
    expect(js).toContain('/config.json');
    expect(js).not.toContain(SECRET);
    expect(js).not.toContain(PLANTED_IN_BUILD.AUTH0_M2M_CLIENT_ID);
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
