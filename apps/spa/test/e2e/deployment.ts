// The parts of the nginx deployment (deploy/nginx/organizer.conf.template) as separate processes started
// from the build: bundles made with `pnpm deploy --prod`, nginx on a temporary prefix, PostgreSQL from the
// store's testing entry. Used by deployment.test.ts.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Part {
  readonly name: string;
  readonly child: ChildProcess;
  log(): string;
  /** SIGTERM, then the exit code (SIGKILL after `graceMs`, which fails the caller's expectations). */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Starts `command args` with its output kept for failure messages. With `group`, in a process group of its
 * own, which stop() signals as a whole (for `pnpm …`, whose node child is what listens).
 */
export function startPart(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; group?: boolean },
): Part {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.group === true,
  });
  const signal = (name: NodeJS.Signals) => {
    if (!options.group || !child.pid) return void child.kill(name);
    try {
      process.kill(-child.pid, name);
    } catch {
      // the group is gone already
    }
  };
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    name,
    child,
    log: () => output,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      const [code] = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs a command to its end; throws with its output when it fails. */
export async function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<string> {
  const part = startPart(command, command, args, options);
  const [code] = (await once(part.child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${part.log().slice(-4000)}`);
  return part.log();
}

/** Polls `url` until it answers `status` (default 200) or `timeoutMs` passes. */
export async function waitFor(url: string, part: Part | undefined, timeoutMs = 30_000, status = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answered = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (answered === status) return;
    if (part && part.child.exitCode !== null)
      throw new Error(
        `${part.name} exited (${part.child.exitCode}) before ${url} answered:\n${part.log().slice(-3000)}`,
      );
    if (Date.now() > deadline)
      throw new Error(
        `${url} did not answer ${status} within ${timeoutMs / 1000} s (last: ${answered})${part ? `:\n${part.log().slice(-3000)}` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'];

export function findNginx(): string | undefined {
  for (const path of NGINX) {
    try {
      execFileSync(path, ['-v'], { stdio: 'ignore' });
      return path;
    } catch {
      // not there
    }
  }
  return undefined;
}

export interface NginxValues {
  readonly NGINX_LISTEN: string;
  readonly SPA_SERVER: string;
  readonly CONTACTS_1: string;
  readonly CONTACTS_2: string;
  readonly CALENDAR_1: string;
  readonly CALENDAR_2: string;
}

/**
 * nginx with the repository's server block, as an unprivileged user when run as root (the test machine's
 * CI runs as root): everything it writes (pid, logs, temp files) stays in `prefix`.
 */
export async function startNginx(binary: string, template: string, prefix: string, values: NginxValues): Promise<Part> {
  const server = (await readFile(template, 'utf8')).replace(/\$\{([A-Z0-9_]+)\}/g, (_whole, name: string) => {
    const value = (values as unknown as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`${template} uses \${${name}}, which the test does not set`);
    return value;
  });
  for (const dir of ['logs', 'temp', 'conf']) await mkdir(join(prefix, dir), { recursive: true });
  await writeFile(join(prefix, 'conf', 'organizer.conf'), server);
  const temp = (name: string) => `${name}_temp_path ${join(prefix, 'temp', name)};`;
  await writeFile(
    join(prefix, 'conf', 'nginx.conf'),
    [
      'worker_processes 1;',
      `pid ${join(prefix, 'nginx.pid')};`,
      `error_log ${join(prefix, 'logs', 'error.log')} warn;`,
      'events { worker_connections 256; }',
      'http {',
      `  access_log ${join(prefix, 'logs', 'access.log')};`,
      `  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}`,
      `  include ${join(prefix, 'conf', 'organizer.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const args = ['-p', prefix, '-c', join(prefix, 'conf', 'nginx.conf'), '-g', 'daemon off;'];
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    execFileSync('chown', ['-R', 'nobody:nogroup', prefix]);
    await chmod(prefix, 0o755);
  }
  const command = asRoot ? 'setpriv' : binary;
  const full = asRoot ? ['--reuid=nobody', '--regid=nogroup', '--clear-groups', binary, ...args] : args;
  const part = startPart('nginx', command, full, { cwd: prefix, env: { PATH: process.env.PATH ?? '' } });
  return {
    ...part,
    log: () => `${part.log()}${readLog(join(prefix, 'logs', 'error.log'))}`,
  };
}

function readLog(path: string): string {
  try {
    return execFileSync('tail', ['-n', '40', path], { encoding: 'utf8' });
  } catch {
    return '';
  }
}
