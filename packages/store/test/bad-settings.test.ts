import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@organizer/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isUnavailable, openStore, StoreConfigError, StoreUnavailableError } from '../src/index.ts';
import { sampleMigrations } from './support/sample-migrations.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'organizer-store-bad-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openError(settings: { databaseUrl?: string; dataDir?: string; name?: string }): Promise<Error> {
  const error: unknown = await openStore({
    name: 'contacts',
    dataDir: dir,
    migrations: sampleMigrations,
    ...settings,
  }).then(
    async (store) => {
      await store.close();
      return new Error('opened');
    },
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error(`not an Error: ${String(error)}`);
  return error;
}

describe('a bad DATABASE_URL gives a clear error and never echoes the password', () => {
  test.each([
    [
      'mysql://app:s3cret-pw@db.example:3306/organizer',
      /^DATABASE_URL must use postgres:\/\/ or postgresql:\/\/ \(not mysql:\/\/\)\. Use postgres:\/\//,
    ],
    ['postgres://app:s3cret-pw@[::1/organizer', /^DATABASE_URL is not a valid URL\. Use postgres:\/\//],
    ['postgres:///organizer', /^DATABASE_URL names no host\./],
  ])('%s', async (databaseUrl, message) => {
    const error = await openError({ databaseUrl });
    expect(error).toBeInstanceOf(StoreConfigError);
    expect((error as StoreConfigError).setting).toBe('DATABASE_URL');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('s3cret-pw');
  });

  test('a server that is not there: connection refused, naming host, port, database and user', async () => {
    // A port nothing listens on: free a moment ago.
    const port = await freePort();
    const error = await openError({ databaseUrl: `postgres://app:s3cret-pw@127.0.0.1:${port}/organizer` });
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toBe(
      `cannot use the database at PostgreSQL 127.0.0.1:${port}/organizer as app, schema contacts: ` +
        'connection refused (is the server running on that port?) [ECONNREFUSED]',
    );
    expect(isUnavailable(error.cause)).toBe(true);
  });
});

describe('other bad settings', () => {
  test('a service name that is not a plain identifier', async () => {
    const error = await openError({ name: 'Contacts; drop' });
    expect(error).toBeInstanceOf(StoreConfigError);
    expect(error.message).toMatch(/^name "Contacts; drop" is not a plain lower-case identifier/);
  });

  test('a DATA_DIR that cannot be a folder names the file it tried', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a folder');
    const error = await openError({ dataDir: join(blocker, 'data') });
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toMatch(
      new RegExp(`^cannot use the database at SQLite file ${blocker}/data/contacts.sqlite: .*ENOTDIR`),
    );
  });
});
