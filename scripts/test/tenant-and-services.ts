import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningTenant, startTenant } from '@organizer/local-tenant';
import { loadConfig } from '@organizer/local-tenant/config';
import { freePort, waitForHealth } from '@organizer/testing';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Stack {
  tenant: RunningTenant;
  contacts: string;
  calendar: string;
  stop(): Promise<void>;
}

/**
 * Starts a service's real entry file (`src/index.ts`) on a free port with the given settings (such as the
 * ISSUER_BASE_URL to trust) over this process's environment.
 */
export async function startService(
  name: 'contacts' | 'calendar',
  settings: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort('localhost');
  const child = spawn(process.execPath, ['src/index.ts'], {
    cwd: join(repoRoot, 'apps', name),
    env: { ...process.env, AUDIENCE: 'organize', AUTH0_DOMAIN: '', ...settings, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForHealth(`http://localhost:${port}/health`, child, () => output);
  return { url: `http://localhost:${port}/api/${name}`, child };
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A local tenant (in process, temporary keys) and the two services (child processes) on free ports. */
export async function startStack(): Promise<Stack> {
  const keysDir = await mkdtemp(join(tmpdir(), 'scripts-tenant-keys-'));
  const tenant = await startTenant({ ...loadConfig({}), port: 0, keysDir });
  const trust = { ISSUER_BASE_URL: tenant.issuer };
  const services = await Promise.all([startService('contacts', trust), startService('calendar', trust)]);
  return {
    tenant,
    contacts: services[0].url,
    calendar: services[1].url,
    async stop() {
      await Promise.all(services.map(({ child }) => stopChild(child)));
      await tenant.close();
      await rm(keysDir, { recursive: true, force: true });
    },
  };
}
