// `pnpm build` then `pnpm start`: the same stack from the build, with plain node only, and the SPA's
// settings taken at serve time. Binds the sample's fixed ports: run under the ports lock like the browser tests.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './e2e/stack.ts';
import { freePort } from './e2e/vite-server.ts';

const root = findRepoRoot();
const SAME_ORIGIN_CONTACTS = 'http://localhost:3000/api/contacts';

/** The command lines of `pid` and every process below it, from /proc. */
async function processTree(pid: number): Promise<string[]> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const lines: string[] = [];
  const visit = async (id: number) => {
    const cmdline = await readFile(`/proc/${id}/cmdline`, 'utf8').catch(() => '');
    if (cmdline) lines.push(cmdline.split('\0').join(' ').trim());
    for (const child of children.get(id) ?? []) await visit(child);
  };
  await visit(pid);
  return lines;
}

function connectSrc(csp: string | null): string[] {
  return (csp ?? '').split(';').map((part) => part.trim().split(/\s+/)).find(([name]) => name === 'connect-src')?.slice(1) ?? [];
}

async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

describe('pnpm build, then pnpm start', () => {
  const { NODE_OPTIONS: _sourceCondition, ...plainEnv } = process.env;
  let stack: Stack | undefined;
  let buildSeconds = 0;

  beforeAll(async () => {
    const started = performance.now();
    const build = await run('pnpm', ['build'], plainEnv);
    buildSeconds = (performance.now() - started) / 1000;
    expect(build.code, build.output).toBe(0);
    stack = await startStack({ ...process.env, AUTH0_DOMAIN: '', CONTACTS_API_URL: SAME_ORIGIN_CONTACTS }, 60_000, 'start');
    console.info(`pnpm build: ${buildSeconds.toFixed(1)} s; pnpm start ready in ${stack.readySeconds.toFixed(1)} s`);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('runs every part with plain node from dist/, and no tsx, Vite or TypeScript', async () => {
    if (!stack) throw new Error('stack not started');
    const commands = await processTree(stack.pid);
    const parts = commands.filter((line) => line.includes('dist/'));
    expect(parts.filter((line) => !line.startsWith('/bin/sh'))).toEqual([
      expect.stringMatching(/node dist\/src\/index\.js$/),
      expect.stringMatching(/node --max-semi-space-size=4 dist\/index\.js$/),
      expect.stringMatching(/node --max-semi-space-size=4 dist\/index\.js$/),
      expect.stringMatching(/node dist\/node\/server\/index\.js$/),
    ]);
    expect(commands.filter((line) => /tsx|vite|typescript|tsc|\.ts\b|--conditions/.test(line))).toEqual([]);
  });

  it('answers on the usual ports: the tenant, both services and the built page with its security headers', async () => {
    const discovery = await fetch('http://localhost:4000/.well-known/openid-configuration');
    expect(discovery.status).toBe(200);
    for (const url of ['http://localhost:3001/health', 'http://localhost:3002/health']) {
      const health = await fetch(url);
      expect([url, health.status]).toEqual([url, 200]);
    }
    const page = await fetch('http://localhost:3000/');
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves the settings of its environment as /config.json, and names the same services in the policy', async () => {
    const config = await fetch('http://localhost:3000/config.json');
    expect(config.status).toBe(200);
    expect(config.headers.get('cache-control')).toBe('no-store');
    expect(await config.json()).toMatchObject({ AUTH0_DOMAIN: '', CONTACTS_API_URL: SAME_ORIGIN_CONTACTS });
    expect(connectSrc(config.headers.get('content-security-policy'))).toEqual(["'self'", 'http://localhost:4000', 'http://localhost:3000', 'http://localhost:3002']);
  });

  it('takes another CONTACTS_API_URL on the next start, without rebuilding', async () => {
    const port = await freePort();
    const server = spawn(process.execPath, ['dist/node/server/index.js'], {
      cwd: join(root, 'apps/spa'),
      env: { ...plainEnv, PORT: String(port), CONTACTS_API_URL: 'https://contacts.example.com/api/contacts' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await once(server.stdout, 'data');
      const config = await fetch(`http://localhost:${port}/config.json`);
      expect((await config.json()) as object).toMatchObject({ CONTACTS_API_URL: 'https://contacts.example.com/api/contacts' });
      expect(connectSrc(config.headers.get('content-security-policy'))).toContain('https://contacts.example.com');
      const built = await fetch(`http://localhost:${port}/`).then((response) => response.text());
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(built)?.[1];
      const js = await fetch(`http://localhost:${port}${script}`).then((response) => response.text());
      expect(js).not.toContain('contacts.example.com');
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });
});
