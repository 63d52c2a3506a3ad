import { usePostgres } from '@organizer/testing';
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { isUnavailable, openStore, StoreUnavailableError } from '../src/index.ts';
import { note, type SampleDb, sampleMigrations, slowThird } from './support/sample-migrations.ts';
import { describeStoreContract, freshName, opener } from './support/store-contract.ts';

const cluster = usePostgres('store', 'every store test');

if (cluster !== undefined) {
  const target = () => ({ dataDir: '/nonexistent/unused-with-postgres', databaseUrl: cluster().url() });
  const open = opener(target);

  describeStoreContract('PostgreSQL', target);

  describe('PostgreSQL: one server, a schema per service', () => {
    test('two services on one database each see only their own tables', async () => {
      const [contacts, calendar] = [freshName('contacts'), freshName('calendar')];
      const a = await open(contacts);
      const b = await open(calendar);
      try {
        expect(a.dialect).toBe('postgres');
        expect(a.location).toBe(`PostgreSQL 127.0.0.1:${cluster().port}/organizer as organizer, schema ${contacts}`);
        await a.db.insertInto('notes').values(note(1)).execute();
        expect(await b.db.selectFrom('notes').selectAll().execute()).toEqual([]);
        const { rows } = await sql<{ schema: string }>`
          select table_schema as schema from information_schema.tables where table_name = 'notes' order by 1`.execute(
          a.db,
        );
        expect(rows.map((r) => r.schema)).toEqual(expect.arrayContaining([contacts, calendar]));
        expect(rows.map((r) => r.schema)).not.toContain('public');
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    test('two instances opening at the same moment migrate once, and both start', async () => {
      const name = freshName();
      const both = await Promise.all([
        openStore<SampleDb>({ ...target(), name, migrations: slowThird }),
        openStore<SampleDb>({ ...target(), name, migrations: slowThird }),
      ]);
      try {
        expect(both.map((s) => s.migrated.length).sort()).toEqual([0, 3]);
        const effects = await both[0]!.db.selectFrom('migration_effects').select('what').orderBy('what').execute();
        expect(effects.map((e) => e.what)).toEqual(['002_tags ran', '003_slow ran']);
      } finally {
        await Promise.all(both.map((s) => s.close()));
      }
    });
  });

  describe('PostgreSQL: a bad DATABASE_URL gives a clear error', () => {
    test('a wrong password: authentication failed, and the password is not in the message', async () => {
      const error = await openStore({
        ...target(),
        databaseUrl: cluster().url({ password: 'wrong-pw-123' }),
        name: freshName(),
        migrations: sampleMigrations,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(
        /: authentication failed \(check the user and password in the URL\) \[28P01\]$/,
      );
      expect((error as Error).message).not.toContain('wrong-pw-123');
      expect((error as Error).message).not.toContain(cluster().password);
    });

    test('a database that does not exist says so', async () => {
      const error = await openStore({
        ...target(),
        databaseUrl: cluster().url({ database: 'nowhere' }),
        name: freshName(),
        migrations: sampleMigrations,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(
        /127\.0\.0\.1:\d+\/nowhere .*the database does not exist \(create it first\) \[3D000\]$/,
      );
    });
  });

  describe('PostgreSQL: a restart of the server', () => {
    test('ends the connections the store holds: their queries fail as unavailable, nothing crashes, and the next query works', async () => {
      const store = await open(freshName());
      try {
        // A transaction holds its connection across the restart, which ends it from the server's side.
        const held = await store.db
          .transaction()
          .execute(async (trx) => {
            await sql`select 1`.execute(trx);
            await cluster().restart();
            await sql`select 1`.execute(trx);
          })
          .catch((e: unknown) => e);
        expect(isUnavailable(held)).toBe(true);
        // The pool's other connections were ended too; the store opens new ones.
        const after = await store.db.selectFrom('notes').selectAll().execute();
        expect(Array.isArray(after)).toBe(true);
        expect(await store.ping()).toBe(true);
      } finally {
        await store.close();
      }
    });
  });

  // Last: it stops the server the other tests use.
  describe('PostgreSQL: when the server goes away', () => {
    test('ping answers false within its timeout, and query errors count as unavailable, not as bugs', async () => {
      const store = await open(freshName());
      try {
        expect(await store.ping()).toBe(true);
        const bug = await sql`select * from no_such_table`.execute(store.db).catch((e: unknown) => e);
        expect(isUnavailable(bug)).toBe(false);
        await cluster().stop();
        const started = performance.now();
        expect(await store.ping(1_000)).toBe(false);
        expect(performance.now() - started).toBeLessThan(1_500);
        const down = await store.db
          .selectFrom('notes')
          .selectAll()
          .execute()
          .catch((e: unknown) => e);
        expect(isUnavailable(down)).toBe(true);
      } finally {
        await store.close();
      }
    });
  });
}
