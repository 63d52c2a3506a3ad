import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyRecipeBlocks, freePort, shellEnv, TestTenant, waitForHealth } from '@organizer/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs a block of shell commands as written, stopping at the first failing one (sh -e). */
async function runShell(script: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  const child = spawn('sh', ['-e', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  if (code !== 0) throw new Error(`the setup commands failed (exit ${code}):\n${output}`);
  return output;
}

describe('README: Protect your own Express service', () => {
  let dir: string;
  let tenant: TestTenant;
  let service: ChildProcess | undefined;
  let serviceOutput = '';
  let url: string;

  beforeAll(async () => {
    const [setup, code, start, ...rest] = await copyRecipeBlocks(join(repoRoot, 'README.md'), 'protect-your-service');
    // The shape the README promises: setup commands, one file, the one command that starts it.
    expect([setup?.lang, code?.lang, start?.lang, rest.length]).toEqual(['sh', 'ts', 'sh', 0]);
    const fileName = /^\/\/ (\S+)\n/.exec(code?.body ?? '')?.[1];
    expect(fileName).toBe('server.ts');
    const command = start?.body.trim() ?? '';
    expect(command.split('\n')).toHaveLength(1);

    dir = await mkdtemp(join(tmpdir(), 'organizer-copy-recipe-'));
    expect(relative(repoRoot, dir).startsWith('..')).toBe(true);
    await runShell(setup?.body ?? '', dir, shellEnv({ ORGANIZER: repoRoot }), 150_000);
    await writeFile(join(dir, fileName ?? ''), code?.body ?? '');

    tenant = await TestTenant.start();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = shellEnv({
      PORT: String(port),
      ISSUER_BASE_URL: tenant.issuer,
      AUDIENCE: 'organize',
      SPA_ORIGIN: 'http://spa.test:3000',
    });
    service = spawn('sh', ['-c', command], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    service.stdout?.on('data', (chunk: Buffer) => (serviceOutput += chunk.toString()));
    service.stderr?.on('data', (chunk: Buffer) => (serviceOutput += chunk.toString()));
    await waitForHealth(`${url}/health`, service, () => serviceOutput, 30_000);
  }, 200_000);

  afterAll(async () => {
    if (service?.pid !== undefined && service.exitCode === null) {
      // npx, tsx and node: the whole process group goes.
      process.kill(-service.pid, 'SIGTERM');
      await once(service, 'exit');
    }
    await tenant?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const get = async (path: string, scope?: string) =>
    fetch(
      `${url}${path}`,
      scope === undefined
        ? {}
        : { headers: { Authorization: `Bearer ${await tenant.mint({ sub: 'auth0|copier', scope })}` } },
    );

  it('serves /health without a token', async () => {
    expect((await get('/health')).status).toBe(200);
  });

  it('answers a token with read:example with 200', async () => {
    const res = await get('/api/example', 'openid read:example');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: 'auth0|copier' });
  });

  it('refuses a token with another scope with 403 insufficient_scope', async () => {
    const res = await get('/api/example', 'openid read:other');
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toMatch(/error="insufficient_scope".*scope="read:example"$/);
    expect(((await res.json()) as { error: string }).error).toBe('insufficient_scope');
  });

  it('refuses a request without a token with 401 and a Bearer challenge', async () => {
    const res = await get('/api/example');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="organize"');
  });

  it('lets only SPA_ORIGIN read its answers from a browser', async () => {
    const spa = await fetch(`${url}/api/example`, { headers: { Origin: 'http://spa.test:3000' } });
    expect(spa.headers.get('access-control-allow-origin')).toBe('http://spa.test:3000');
    const other = await fetch(`${url}/api/example`, { headers: { Origin: 'http://evil.test' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
