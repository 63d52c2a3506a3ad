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
  scratch = await mkdtemp(join(tmpdir(), 'organizer-calendar-start-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

// The shared start-up behaviour, with the data in a scratch folder instead of apps/calendar/.data.
describeStartCommand({
  service: 'calendar',
  appDir,
  route: '/api/calendar',
  scope: 'read:calendar',
  env: { DATA_DIR: join(tmpdir(), `organizer-calendar-suite-${process.pid}`) },
});

// Readiness, the graceful stop and the request log, on the same entry file.
describeServiceLifecycle({
  service: 'calendar',
  appDir,
  route: '/api/calendar',
  readScope: 'read:calendar',
  writeScope: 'write:calendar',
  newItem: { title: 'Stand-up', start: '2030-01-07T09:00:00.000Z', end: '2030-01-07T09:15:00.000Z' },
  env: { DATA_DIR: join(tmpdir(), `organizer-calendar-lifecycle-${process.pid}`), DATABASE_URL: '' },
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

  it('keeps an appointment written before SIGTERM, and closes the database after the listener', async () => {
    const dataDir = join(scratch, 'restart');
    const auth = {
      Authorization: `Bearer ${await tenant.mint({ sub: 'auth0|restart', scope: 'read:calendar write:calendar' })}`,
      'Content-Type': 'application/json',
    };
    const first = await start(dataDir);
    expect(first.output()).toContain(
      `calendar: data in SQLite file ${join(dataDir, 'calendar.sqlite')} (applied 001_appointments)\n`,
    );
    const posted = await fetch(`${first.url}/api/calendar`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: 'Kept', start: '2030-01-01T09:00:00Z', end: '2030-01-01T10:00:00Z' }),
    });
    expect(posted.status).toBe(201);
    const created = (await posted.json()) as { id: string };

    const stopped = performance.now();
    await first.stop();
    expect(first.child.exitCode).toBe(0);
    // better-sqlite3 folds the write-ahead log into the file when the last connection closes: proof that
    // the entry closed the store rather than exiting with it open.
    expect(existsSync(join(dataDir, 'calendar.sqlite-wal'))).toBe(false);

    const second = await start(dataDir);
    const restartMs = performance.now() - stopped;
    expect(second.output()).toContain(`calendar: data in SQLite file ${join(dataDir, 'calendar.sqlite')}\n`);
    const listed = await fetch(`${second.url}/api/calendar`, { headers: auth });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { appointments: { id: string; title: string }[] };
    expect(body.appointments.filter((a) => a.id === created.id)).toEqual([
      { id: created.id, title: 'Kept', start: '2030-01-01T09:00:00.000Z', end: '2030-01-01T10:00:00.000Z' },
    ]);
    console.info(`[calendar] stop + start with the same DATA_DIR: ${Math.round(restartMs)} ms`);
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
      new RegExp(`^calendar: cannot use the database at SQLite file ${file}/calendar\\.sqlite: `),
    );
  }, 30_000);

  it('a calendar.sqlite that is not a database', async () => {
    const dataDir = join(scratch, 'garbage');
    await rm(dataDir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(dataDir, { recursive: true }));
    await writeFile(join(dataDir, 'calendar.sqlite'), 'x'.repeat(4096));
    expect(await refused({ DATA_DIR: dataDir })).toContain('file is not a database');
  }, 30_000);

  it('a migration that fails (a table of that name already there)', async () => {
    const dataDir = join(scratch, 'conflict');
    const other = await openStore({ name: 'calendar', dataDir, migrations: {} });
    await sql`create table appointments (something integer)`.execute(other.db);
    await other.close();
    expect(await refused({ DATA_DIR: dataDir })).toMatch(
      /^calendar: migration "001_appointments" failed on SQLite file .*calendar\.sqlite: .*already exists/,
    );
  }, 30_000);

  it('a DATABASE_URL that is not postgres://, without echoing it', async () => {
    const stderr = await refused({ DATABASE_URL: 'mysql://admin:hunter2@db/organizer' });
    expect(stderr).toMatch(/^calendar: DATABASE_URL must use postgres:\/\/ or postgresql:\/\//);
    expect(stderr).not.toContain('hunter2');
  }, 30_000);

  it('a PostgreSQL server that does not answer', async () => {
    const port = await freePort();
    const stderr = await refused({ DATABASE_URL: `postgres://organizer:pw@127.0.0.1:${port}/organizer` });
    expect(stderr).toContain(
      `calendar: cannot use the database at PostgreSQL 127.0.0.1:${port}/organizer as organizer, schema calendar: connection refused`,
    );
  }, 30_000);
});
