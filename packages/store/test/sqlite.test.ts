import { spawn } from 'node:child_process';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeStoreContract, freshName, opener } from './support/store-contract.ts';

const here = dirname(fileURLToPath(import.meta.url));
let dataDir = '';
beforeAll(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), 'organizer-store-')), 'nested', 'data');
});
afterAll(async () => {
  await rm(join(dataDir, '..', '..'), { recursive: true, force: true });
});

describeStoreContract('SQLite', () => ({ dataDir }));

describe('SQLite file', () => {
  const open = opener(() => ({ dataDir, databaseUrl: '' }));

  test('is <DATA_DIR>/<name>.sqlite, created with its folders, in WAL mode with busy_timeout and foreign keys', async () => {
    const name = freshName();
    const store = await open(name);
    try {
      expect(store.dialect).toBe('sqlite');
      expect(store.location).toBe(`SQLite file ${join(dataDir, `${name}.sqlite`)}`);
      expect(existsSync(join(dataDir, `${name}.sqlite`))).toBe(true);
      const pragma = async (p: string) =>
        (await sql.raw<Record<string, unknown>>(`pragma ${p}`).execute(store.db)).rows[0];
      expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await pragma('busy_timeout')).toEqual({ timeout: 5000 });
      expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
    } finally {
      await store.close();
    }
  });
});

describe('SQLite file permissions', () => {
  test("are the owner's only: a folder it makes is 0700, the file and its -wal and -shm 0600, tightened on open", async () => {
    const root = await mkdtemp(join(tmpdir(), 'organizer-store-modes-'));
    const folder = join(root, 'made-here');
    const open = opener(() => ({ dataDir: folder, databaseUrl: '' }));
    try {
      const name = freshName();
      const file = join(folder, `${name}.sqlite`);
      const mode = (path: string) => statSync(path).mode & 0o777;
      const first = await open(name);
      await sql`create table t (x integer)`.execute(first.db);
      await sql`insert into t values (1)`.execute(first.db);
      expect(mode(folder)).toBe(0o700);
      for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path), path).toBe(0o600);
      await first.close();
      // A file someone opened up is tightened again by the next open; an existing folder is left alone.
      chmodSync(file, 0o644);
      chmodSync(folder, 0o755);
      const second = await open(name);
      expect(mode(file)).toBe(0o600);
      expect(mode(folder)).toBe(0o755);
      await second.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

interface ChildResult {
  readonly migrated?: string[];
  readonly effects?: number;
  readonly error?: string;
}

/** Starts a process that opens the store when told to; resolves once it is ready. */
async function childOpener(name: string): Promise<{ go(): void; result: Promise<ChildResult> }> {
  const child = spawn(process.execPath, [join(here, 'support', 'open-in-child.ts'), dataDir, name], {
    cwd: here,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => (line === 'ready' ? resolve() : output.push(line)));
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)));
  });
  const result = new Promise<ChildResult>((resolve) => {
    child.once('exit', () => resolve(JSON.parse(output.at(-1) ?? '{"error":"no output"}') as ChildResult));
  });
  await ready;
  return { go: () => child.stdin.end('go\n'), result };
}

describe('SQLite with two processes', () => {
  test('opening one file at the same moment migrates it once, and both processes start', async () => {
    const name = freshName();
    const children = await Promise.all([childOpener(name), childOpener(name)]);
    for (const child of children) child.go();
    const results = await Promise.all(children.map((c) => c.result));
    expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
    // Exactly one of them applied the migrations; the other waited, then found nothing to do.
    expect(results.map((r) => r.migrated?.length).sort()).toEqual([0, 3]);
    expect(results.map((r) => r.effects)).toEqual([2, 2]);
  });
});
