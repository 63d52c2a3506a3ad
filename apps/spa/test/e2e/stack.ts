import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { freePort } from '@organizer/testing';

export interface Stack {
  /** The runner's process id (its parts are its descendants). */
  pid: number;
  /** Seconds from spawning `pnpm dev`'s runner to its ready message. */
  readySeconds: number;
  log(): string;
  stop(): Promise<void>;
}

/** Where the parts of a stack listen: origins, without a trailing slash. */
export interface StackUrls {
  /** SPA_ORIGIN: the page must be opened exactly here. */
  spa: string;
  /** LOCAL_TENANT_URL (the issuer is this with '/'). */
  tenant: string;
  contacts: string;
  calendar: string;
}

export interface StackPorts {
  urls: StackUrls;
  /** The settings that put every part there: SPA_ORIGIN, LOCAL_TENANT_URL, ISSUER_BASE_URL, CONTACTS_API_URL, CALENDAR_API_URL. */
  env: Record<string, string>;
}

/** A stack started by startStackOnFreePorts, and where its parts are. */
export interface StackOnFreePorts extends Stack {
  urls: StackUrls;
}

export interface FreePortsOptions {
  /**
   * The tenant's host name: `127.0.0.1` puts it on another site than the SPA (on `localhost`), as a real
   * `*.auth0.com` tenant is.
   */
  tenantHost?: 'localhost' | '127.0.0.1';
}

/** Four free ports of this machine, and the settings that put the SPA, the local tenant and both services on them. */
export async function freeStackPorts(options: FreePortsOptions = {}): Promise<StackPorts> {
  const [spa, tenant, contacts, calendar] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const urls: StackUrls = {
    spa: `http://localhost:${spa}`,
    tenant: `http://${options.tenantHost ?? 'localhost'}:${tenant}`,
    contacts: `http://localhost:${contacts}`,
    calendar: `http://localhost:${calendar}`,
  };
  return { urls, env: stackEnv(urls) };
}

/** The settings every part reads to find the others (and the services to know the SPA for CORS). */
export function stackEnv(urls: StackUrls): Record<string, string> {
  return {
    SPA_ORIGIN: urls.spa,
    LOCAL_TENANT_URL: urls.tenant,
    ISSUER_BASE_URL: `${urls.tenant}/`,
    CONTACTS_API_URL: `${urls.contacts}/api/contacts`,
    CALENDAR_API_URL: `${urls.calendar}/api/calendar`,
  };
}

/**
 * `pnpm dev` (or `pnpm start`) with every part on a free port, so that stacks of several test files can run
 * side by side. `env` is the rest of the environment (the ports' settings win over it). A port taken
 * between picking and binding (by anything else on the machine) gets new ports, up to three times.
 */
export async function startStackOnFreePorts(
  env: NodeJS.ProcessEnv,
  options: FreePortsOptions & { timeoutMs?: number; which?: 'dev' | 'start' } = {},
): Promise<StackOnFreePorts> {
  for (let attempt = 1; ; attempt += 1) {
    const ports = await freeStackPorts(options);
    try {
      const stack = await startStack({ ...env, ...ports.env }, options.timeoutMs, options.which);
      return { ...stack, urls: ports.urls };
    } catch (error) {
      if (attempt >= 3 || !portTaken(error)) throw error;
    }
  }
}

/**
 * Whether a stack did not start because one of its ports was taken: the runner's own check says so on its
 * first line, while a part that lost the port after that check (Vite's "Port … is already in use", Node's
 * EADDRINUSE) says so only further down the log the error carries.
 */
export function portTaken(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /^pnpm (dev|start) exited/.test(message) && /already in use|EADDRINUSE/.test(message);
}

/**
 * Starts the whole sample the way a newcomer does (`pnpm dev`, or `pnpm start` from the build: tenant,
 * contacts, calendar, SPA where their settings point, the default ports without them) and waits for its
 * ready message. The runner gets its own process group so that stop() can clean up even if it hangs.
 */
export async function startStack(
  env: NodeJS.ProcessEnv,
  timeoutMs = 90_000,
  which: 'dev' | 'start' = 'dev',
): Promise<Stack> {
  const root = findRepoRoot();
  const started = performance.now();
  // `pnpm start` runs the build with plain node: no tsx, and none of the tests' source condition (NODE_OPTIONS).
  const { NODE_OPTIONS: _sourceCondition, ...builtEnv } = env;
  const args = which === 'dev' ? [join(root, 'scripts/src/dev.ts')] : [join(root, 'scripts/bin/start.mjs')];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { ...(which === 'dev' ? env : builtEnv), FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = once(child, 'exit');

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT');
    const timer = setTimeout(() => {
      // The runner did not stop its parts in time: take down its whole process group.
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };

  const outcome = await new Promise<'ready' | 'exited' | 'timeout'>((resolve) => {
    const deadline = setTimeout(() => resolve('timeout'), timeoutMs);
    const check = () => {
      if (log.includes('is ready')) {
        clearTimeout(deadline);
        resolve('ready');
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(deadline);
      resolve(log.includes('is ready') ? 'ready' : 'exited');
    });
  });
  const readySeconds = (performance.now() - started) / 1000;
  if (outcome !== 'ready') {
    await stop();
    throw new Error(notReady(outcome, child, timeoutMs, log, `pnpm ${which}`));
  }
  return { pid: child.pid ?? 0, readySeconds, log: () => log, stop };
}

/**
 * Why the stack did not start, reason first: the runner's own lines (`pnpm dev: port 3000 (spa) already
 * in use…`, `pnpm dev: contacts exited before it was ready…`), then everything it printed.
 */
function notReady(
  outcome: 'exited' | 'timeout',
  child: Pick<ChildProcess, 'exitCode' | 'signalCode'>,
  timeoutMs: number,
  log: string,
  label: string,
): string {
  const said = log.split('\n').filter((line) => line.startsWith(`${label}: `));
  const how =
    outcome === 'exited'
      ? `${label} exited (${child.exitCode !== null ? `exit code ${child.exitCode}` : `signal ${child.signalCode}`}) before it was ready`
      : `${label} did not become ready within ${timeoutMs / 1000} s`;
  const reason =
    said.length > 0
      ? `: ${said.map((line) => line.slice(`${label}: `.length)).join(' ')}`
      : '; its output below says why';
  return `${how}${reason}\n\nIts output:\n${log}`;
}
