// The SPA's own Vite, run the way its package scripts run it, for tests that need no tenant or services.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const spaDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
/** What the SPA's `start` and `build` scripts run Vite under: Node itself, with the workspace's source condition. */
export const VITE_NODE_ARGS = ['--conditions=@organizer/source'];

export interface ViteServer {
  url: string;
  port: number;
  log(): string;
  stop(): Promise<void>;
}

/**
 * `vite` (the dev server) or `vite preview`, from the SPA's folder with its vite.config.ts. Resolves once
 * the page answers; `port` defaults to the SPA's configured one.
 */
export async function startVite(
  mode: 'dev' | 'preview',
  env: NodeJS.ProcessEnv,
  options: { port?: number; outDir?: string } = {},
): Promise<ViteServer> {
  // As the package scripts do: vite.config.ts loaded by Node (which strips its types), with the source condition.
  const args = [...VITE_NODE_ARGS, viteBin, ...(mode === 'preview' ? ['preview'] : []), '--configLoader', 'native'];
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.outDir !== undefined) args.push('--outDir', options.outDir);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: spaDir,
    env: { ...env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  const port = options.port ?? 3000;
  const url = `http://localhost:${port}/`;
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(url).then(
      (response) => response.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`vite ${mode} did not serve ${url}:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, port, log: () => log, stop };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A GET with the path sent exactly as written: fetch() would normalise `/../` and `%2e%2e` away before
 * the server ever saw them, and those are the paths a file server must not be fooled by.
 */
export function rawRequest(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: 'localhost', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
