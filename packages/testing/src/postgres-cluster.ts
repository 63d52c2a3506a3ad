import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, test } from 'vitest';
import { findPostgres } from './find-postgres.ts';
import { freePort } from './free-port.ts';

const run = promisify(execFile);

export interface PostgresCluster {
  readonly port: number;
  readonly password: string;
  /** A postgres:// URL for the test user; override the password or database to make it wrong. */
  url(overrides?: { readonly password?: string; readonly database?: string; readonly port?: number }): string;
  /** Stops the server (fast: open connections are ended) and starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user. */
async function runAsPrefix(root: string): Promise<{ prefix: string[]; own: (path: string) => Promise<void> }> {
  if (process.getuid?.() !== 0) return { prefix: [], own: async () => {} };
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  let uid: number;
  let gid: number;
  try {
    [uid, gid] = [await id('-u'), await id('-g')];
  } catch {
    throw new Error('running as root, and there is no `postgres` user to run PostgreSQL as (it refuses root)');
  }
  const own = (path: string) => chown(path, uid, gid);
  await own(root);
  return { prefix: ['runuser', '-u', 'postgres', '--'], own };
}

/**
 * A throw-away PostgreSQL server in a temporary folder: listening on 127.0.0.1 on a free port, its
 * socket in that folder, password (SCRAM) authentication over TCP, and an `organizer` database.
 */
export async function startPostgres(bin: string): Promise<PostgresCluster> {
  const root = await mkdtemp(join(tmpdir(), 'organizer-pg-'));
  const data = join(root, 'data');
  const log = join(root, 'server.log');
  const { prefix, own } = await runAsPrefix(root);
  const exec = (tool: string, args: string[]) => {
    const [command = tool, ...rest] = [...prefix, join(bin, tool), ...args];
    return run(command, rest, { cwd: root, timeout: 60_000 });
  };
  const password = randomBytes(12).toString('hex');
  const pwfile = join(root, 'pwfile');
  await writeFile(pwfile, password, { mode: 0o600 });
  await own(pwfile);
  const user = 'organizer';
  await exec('initdb', [
    '-D',
    data,
    '-U',
    user,
    `--pwfile=${pwfile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  const settings = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories='${root}'`;
  const stop = async () => {
    await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => {});
    await rm(root, { recursive: true, force: true });
  };
  const start = () => exec('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '30', '-o', settings, 'start']);
  const restart = async () => {
    await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    await start();
  };
  try {
    await start();
  } catch (error) {
    const tail = await readFile(log, 'utf8').catch(() => '');
    await rm(root, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${tail.slice(-2000)}`);
  }
  const url: PostgresCluster['url'] = (o = {}) =>
    `postgres://${user}:${o.password ?? password}@127.0.0.1:${o.port ?? port}/${o.database ?? 'organizer'}`;
  const admin = new pg.Client({ connectionString: url({ database: 'postgres' }) });
  try {
    await admin.connect();
    await admin.query('create database organizer');
  } catch (error) {
    await stop();
    throw error;
  } finally {
    await admin.end();
  }
  return { port, password, url, restart, stop };
}

/**
 * A throw-away PostgreSQL server for the test file that calls this, started before its tests and stopped
 * after them; `tag` prefixes its messages and `what` says what runs on it. Without PostgreSQL, undefined and a skipped
 * test saying why, or a failing one where PostgreSQL is required (CI).
 */
export function usePostgres(tag: string, what: string): (() => PostgresCluster) | undefined {
  const postgres = findPostgres();
  if (postgres.bin === undefined) {
    if (postgres.required) {
      test(`PostgreSQL is installed (CI runs ${what} on it)`, () => {
        throw new Error(postgres.missing);
      });
    } else {
      console.warn(`\n[${tag}] SKIPPING the PostgreSQL tests: ${postgres.missing}\n`);
      test.skip(`PostgreSQL tests: ${postgres.missing}`, () => {});
    }
    return undefined;
  }
  const bin = postgres.bin;
  let cluster: PostgresCluster | undefined;
  beforeAll(async () => {
    cluster = await startPostgres(bin);
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  return () => {
    if (cluster === undefined) throw new Error('the PostgreSQL server has not started');
    return cluster;
  };
}
