import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readEnv } from '@organizer/env';
import { pinnedCommand, type Pinning } from './cpu-pinning.ts';
import { readCpuTimes, type CpuTimes } from './process-cpu.ts';

// Resolved here rather than from the app's folder, so any app folder can be started the same way.
const TSX = import.meta.resolve('tsx');

export interface ServiceOptions {
  repoRoot: string;
  /** The app folder, e.g. apps/contacts; its entry is src/index.ts, started as its `start` script does. */
  appDir: string;
  port: number;
  issuerUrl: string;
  audience: string;
  /** Extra node flags, e.g. --cpu-prof (profiling runs only). */
  nodeFlags?: string[];
  /** The entry file in appDir; default src/index.ts. */
  entry?: string;
  /** Variables added to the service's environment (benchmark preloads only). */
  extraEnv?: Record<string, string>;
  /** Modules loaded with --import after tsx (so they may be TypeScript). */
  preloads?: string[];
}

export interface ServiceProcess {
  readonly pid: number;
  readonly baseUrl: string;
  /** The end of what the service printed, for the error message when it does not start. */
  output(): string;
  /** The node process's peak resident set (VmHWM) in bytes, or undefined off Linux. */
  peakRssBytes(): number | undefined;
  /** Its resident set now, in bytes. */
  rssBytes(): number | undefined;
  /** CPU run and run-queue wait of all its threads so far, or undefined off Linux. */
  cpuTimes(): CpuTimes | undefined;
  stop(): Promise<number | null>;
}

/**
 * Starts the service the way `pnpm --filter ./apps/contacts start` does (`tsx src/index.ts`), but as
 * `node [its flags] --import tsx src/index.ts`: the same loader in one process instead of a tsx wrapper
 * plus a node child, so the pid we pin and whose memory we read is the server itself.
 */
export async function startService(options: ServiceOptions, pinning: Pinning): Promise<ServiceProcess> {
  const cwd = resolve(options.repoRoot, options.appDir);
  const { command, args } = pinnedCommand(pinning, 0, [
    ...(options.nodeFlags ?? []),
    '--import',
    TSX,
    ...(options.preloads ?? []).flatMap((p) => ['--import', p]),
    options.entry ?? 'src/index.ts',
  ]);
  const env = {
    ...readEnv(process.env),
    PORT: String(options.port),
    ISSUER_BASE_URL: options.issuerUrl,
    AUDIENCE: options.audience,
    ...options.extraEnv,
  };
  // The service's own log (one line per request) goes to a file, as it would to a log collector:
  // piping it into this process would cost CPU here that the measurement must not include.
  const logDir = mkdtempSync(join(tmpdir(), 'organizer-bench-'));
  const logFile = join(logDir, 'service.log');
  const logFd = openSync(logFile, 'w');
  const child: ChildProcess = spawn(command, args, { cwd, env, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const output = (): string => {
    try {
      const text = readFileSync(logFile, 'utf8');
      return text.length > 4000 ? `…${text.slice(-4000)}` : text;
    } catch {
      return '';
    }
  };
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? null : 0);
      resolve(exitCode);
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${command}`);
  // The service binds to "localhost", which may be 127.0.0.1 or ::1: use whichever answers.
  const candidates = [`http://127.0.0.1:${options.port}`, `http://[::1]:${options.port}`];
  let baseUrl = candidates[0] ?? '';

  const service: ServiceProcess = {
    pid,
    get baseUrl() {
      return baseUrl;
    },
    output,
    peakRssBytes: () => readStatusBytes(pid, 'VmHWM'),
    rssBytes: () => readStatusBytes(pid, 'VmRSS'),
    cpuTimes: () => readCpuTimes(pid),
    async stop() {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      const code = await exited;
      clearTimeout(timer);
      rmSync(logDir, { recursive: true, force: true });
      return code;
    },
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`${options.appDir} exited with code ${exitCode} before it was ready:\n${output()}`);
    for (const candidate of candidates) {
      try {
        const res = await fetch(`${candidate}/health`);
        if (res.ok) {
          baseUrl = candidate;
          return service;
        }
      } catch {
        // not listening (on this address) yet
      }
    }
    if (Date.now() > deadline) {
      await service.stop();
      throw new Error(`${options.appDir} did not answer GET /health with 200 within 30 s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A memory figure of /proc/<pid>/status in bytes: VmHWM (peak resident set) or VmRSS (now). */
function readStatusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
