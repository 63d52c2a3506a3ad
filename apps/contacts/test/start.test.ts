import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '@organizer/store';
import {
  describeServiceLifecycle,
  describeStartCommand,
  failedStart,
  freePort,
  type RunningService,
  startService,
  TestTenant,
  unreachableIssuer,
} from '@organizer/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const appDir = fileURLToPath(new URL('..', import.meta.url));
let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'organizer-contacts-start-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

// The shared start-up behaviour, with the data in a scratch folder instead of apps/contacts/.data.
describeStartCommand({
  service: 'contacts',
  appDir,
  route: '/api/contacts',
  scope: 'read:contacts',
  env: { DATA_DIR: join(tmpdir(), `organizer-contacts-suite-${process.pid}`) },
});

// Readiness, the graceful stop and the request log, on the same entry file.
describeServiceLifecycle({
  service: 'contacts',
  appDir,
  route: '/api/contacts',
  readScope: 'read:contacts',
  writeScope: 'write:contacts',
  newItem: { name: 'Ada', email: 'ada@example.com' },
  env: { DATA_DIR: join(tmpdir(), `organizer-contacts-lifecycle-${process.pid}`), DATABASE_URL: '' },
});

describe('the store across restarts', () => {
  let tenant: TestTenant;
  const running: RunningService[] = [];
  beforeAll(async () => {
    tenant = await TestTenant.start();
  });
  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await tenant.close();
  });

  const start = async (dataDir: string) => {
    const service = await startService(appDir, {
      PORT: '0',
      ISSUER_BASE_URL: tenant.issuer,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
    });
    running.push(service);
    return service;
  };

  it('keeps a contact written before SIGTERM, and closes the database after the listener', async () => {
    const dataDir = join(scratch, 'restart');
    const auth = {
      Authorization: `Bearer ${await tenant.mint({ sub: 'auth0|restart', scope: 'read:contacts write:contacts' })}`,
      'Content-Type': 'application/json',
    };
    const first = await start(dataDir);
    expect(first.output()).toContain(
      `contacts: data in SQLite file ${join(dataDir, 'contacts.sqlite')} (applied 001_contacts)\n`,
    );
    const created = await fetch(`${first.url}/api/contacts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'Kept', email: 'kept@example.com' }),
    });
    expect(created.status).toBe(201);
    const contact = (await created.json()) as { id: string };

    const stopped = performance.now();
    await first.stop();
    expect(first.child.exitCode).toBe(0);
    // better-sqlite3 folds the write-ahead log into the file when the last connection closes: proof that
    // the entry closed the store rather than exiting with it open.
    expect(existsSync(join(dataDir, 'contacts.sqlite-wal'))).toBe(false);

    const second = await start(dataDir);
    const restartMs = performance.now() - stopped;
    expect(second.output()).toContain(`contacts: data in SQLite file ${join(dataDir, 'contacts.sqlite')}\n`);
    const listed = await fetch(`${second.url}/api/contacts`, { headers: auth });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { contacts: { id: string; name: string }[] };
    expect(body.contacts.filter((c) => c.id === contact.id)).toEqual([
      { id: contact.id, name: 'Kept', email: 'kept@example.com' },
    ]);
    console.info(`[contacts] stop + start with the same DATA_DIR: ${Math.round(restartMs)} ms`);
  }, 40_000);
});

describe('a store that cannot be used stops start-up with a message naming it (no stack, exit 1)', () => {
  const refused = async (env: Record<string, string>) => {
    const result = await failedStart(appDir, {
      PORT: '0',
      ISSUER_BASE_URL: await unreachableIssuer(),
      DATABASE_URL: '',
      ...env,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    return result.stderr;
  };

  it('DATA_DIR naming a file', async () => {
    const file = join(scratch, 'a-file');
    await writeFile(file, 'not a folder');
    expect(await refused({ DATA_DIR: file })).toMatch(
      new RegExp(`^contacts: cannot use the database at SQLite file ${file}/contacts\\.sqlite: `),
    );
  }, 30_000);

  it('a contacts.sqlite that is not a database', async () => {
    const dataDir = join(scratch, 'garbage');
    await rm(dataDir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(dataDir, { recursive: true }));
    await writeFile(join(dataDir, 'contacts.sqlite'), 'x'.repeat(4096));
    expect(await refused({ DATA_DIR: dataDir })).toContain('file is not a database');
  }, 30_000);

  it('a migration that fails (a table of that name already there)', async () => {
    const dataDir = join(scratch, 'conflict');
    const other = await openStore({ name: 'contacts', dataDir, migrations: {} });
    await sql`create table contacts (something integer)`.execute(other.db);
    await other.close();
    expect(await refused({ DATA_DIR: dataDir })).toMatch(
      /^contacts: migration "001_contacts" failed on SQLite file .*contacts\.sqlite: .*already exists/,
    );
  }, 30_000);

  it('a DATABASE_URL that is not postgres://, without echoing it', async () => {
    const stderr = await refused({ DATABASE_URL: 'mysql://admin:hunter2@db/organizer' });
    expect(stderr).toMatch(/^contacts: DATABASE_URL must use postgres:\/\/ or postgresql:\/\//);
    expect(stderr).not.toContain('hunter2');
  }, 30_000);

  it('a PostgreSQL server that does not answer', async () => {
    const port = await freePort();
    const stderr = await refused({ DATABASE_URL: `postgres://organizer:pw@127.0.0.1:${port}/organizer` });
    expect(stderr).toContain(
      `contacts: cannot use the database at PostgreSQL 127.0.0.1:${port}/organizer as organizer, schema contacts: connection refused`,
    );
  }, 30_000);
});
