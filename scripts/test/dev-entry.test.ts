import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const scriptsDir = join(dirname(fileURLToPath(import.meta.url)), '..');

async function runDevEntry(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  // Fails in configuration parsing, before any port is checked or bound.
  const child = spawn(process.execPath, ['src/dev.ts'], {
    cwd: scriptsDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out };
}

describe('pnpm dev entry', () => {
  it('stops before starting anything when the configuration is invalid, with the message and no stack', async () => {
    const { code, out } = await runDevEntry({ AUTH0_DOMAIN: 'https://acme.eu.auth0.com/' });
    expect(code).toBe(1);
    expect(out).toContain(
      'pnpm dev: AUTH0_DOMAIN must be a bare domain, without a scheme ("https://acme.eu.auth0.com/")',
    );
    expect(out).toContain('Nothing was started.');
    expect(out).not.toMatch(/\n\s+at /);
  });

  it('refuses a port in AUTH0_DOMAIN up front, as the services would, instead of starting parts that exit', async () => {
    const { code, out } = await runDevEntry({ AUTH0_DOMAIN: 'tenant.example.com:8443' });
    expect(code).toBe(1);
    expect(out).toContain('pnpm dev: AUTH0_DOMAIN must not include a port ("tenant.example.com:8443")');
    expect(out).toContain('Nothing was started.');
  });
});
