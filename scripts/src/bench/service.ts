import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServiceStart {
  /** How the report names it. */
  readonly name: string;
  readonly cwd: string;
  /** Arguments of `node` (flags, --import tsx, the entry and its own arguments). */
  readonly nodeArgs: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** Put in front of the command, e.g. `taskset -c 0`; empty for none. */
  readonly prefix: readonly string[];
}

export interface Service {
  readonly name: string;
  readonly url: string;
  /** CPU time all its threads have used so far, in seconds (Linux; 0 elsewhere). */
  cpuSeconds(): number;
  /** Its peak resident set (VmHWM) in bytes, or undefined off Linux. */
  peakRssBytes(): number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts `node <nodeArgs>` (behind the prefix, which execs it: the pid is the server's own) and waits for
 * GET /health to answer 200. Its output goes to a file, as a log would go to a collector: reading it here
 * would cost CPU beside the measured process.
 */
export async function startService(start: ServiceStart): Promise<Service> {
  const logDir = mkdtempSync(join(tmpdir(), 'organizer-bench-'));
  const logFile = join(logDir, `${start.name}.log`);
  const fd = openSync(logFile, 'w');
  const [command = process.execPath, ...args] = [...start.prefix, process.execPath, ...start.nodeArgs];
  const child = spawn(command, args, { cwd: start.cwd, env: start.env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const output = (): string => readFileSync(logFile, 'utf8').slice(-3000);
  const pid = child.pid ?? 0;
  const url = `http://127.0.0.1:${start.port}`;

  const service: Service = {
    name: start.name,
    url,
    cpuSeconds: () => cpuSeconds(pid),
    peakRssBytes: () => peakRss(pid),
    async stop() {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(logDir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`${start.name} exited with code ${exitCode} before it was ready:\n${output()}`);
    const ok = await fetch(`${url}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return service;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const text = output();
  await service.stop();
  throw new Error(`${start.name} did not answer GET /health with 200 within 30 s:\n${text}`);
}

/** The sum of /proc/<pid>/task/<tid>/schedstat's first field (nanoseconds on a CPU) over its threads. */
function cpuSeconds(pid: number): number {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    }
    return ns / 1e9;
  } catch {
    return 0;
  }
}

function peakRss(pid: number): number | undefined {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
