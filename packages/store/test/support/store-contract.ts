import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { type Migrations, openStore, type Store, StoreMigrationError } from '../../src/index.ts';
import { addPinned, brokenThird, note, type SampleDb, sampleMigrations } from './sample-migrations.ts';

/** Where a contract test keeps its data: a folder for SQLite, or a server URL for PostgreSQL. */
export interface StoreTarget {
  readonly dataDir: string;
  readonly databaseUrl?: string;
}

let counter = 0;
/** A fresh service name per test, hence a fresh SQLite file or PostgreSQL schema. */
export function freshName(prefix = 'svc'): string {
  counter += 1;
  return `${prefix}_${process.pid}_${counter}`;
}

export function opener(target: () => StoreTarget) {
  return (name: string, migrations: Migrations = sampleMigrations): Promise<Store<SampleDb>> =>
    openStore<SampleDb>({ ...target(), name, migrations });
}

async function count(store: Store<SampleDb>, table: keyof SampleDb): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function tablesOf(store: Store<SampleDb>, name: string): Promise<string[]> {
  const tables = await store.db.introspection.getTables();
  // PostgreSQL lists every schema's tables; only this service's count.
  return tables
    .filter((t) => t.schema === undefined || t.schema === name)
    .map((t) => t.name)
    .sort();
}

async function migrationRows(store: Store<SampleDb>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
  return rows.map((r) => r.name);
}

/** What every dialect must do; run by the SQLite and the PostgreSQL test files. */
export function describeStoreContract(label: string, target: () => StoreTarget): void {
  const open = opener(target);

  describe(`${label}: the store contract`, () => {
    test('writes survive close and reopen', async () => {
      const name = freshName();
      const first = await open(name);
      await first.db
        .insertInto('notes')
        .values([note(1), note(2)])
        .execute();
      await first.close();
      const again = await open(name);
      try {
        const rows = await again.db.selectFrom('notes').selectAll().orderBy('id').execute();
        expect(rows).toEqual([note(1), note(2)]);
      } finally {
        await again.close();
      }
    });

    test('50 concurrent creates, each a transaction over two tables, lose nothing', async () => {
      const store = await open(freshName());
      try {
        const ids = Array.from({ length: 50 }, (_, i) => note(i).id);
        await Promise.all(
          ids.map((_, i) =>
            store.db.transaction().execute(async (trx) => {
              await trx.insertInto('notes').values(note(i)).execute();
              await trx
                .insertInto('tags')
                .values({ note_id: note(i).id, tag: `t${i}` })
                .execute();
            }),
          ),
        );
        const rows = await store.db
          .selectFrom('notes')
          .innerJoin('tags', 'tags.note_id', 'notes.id')
          .select('notes.id')
          .orderBy('notes.id')
          .execute();
        expect(rows.map((r) => r.id)).toEqual(ids);
      } finally {
        await store.close();
      }
    });

    test('migrations run once: a second open applies none and keeps the data', async () => {
      const name = freshName();
      const first = await open(name);
      expect(first.migrated).toEqual(['001_notes', '002_tags']);
      await first.db.insertInto('notes').values(note(1)).execute();
      await first.close();
      const second = await open(name);
      try {
        expect(second.migrated).toEqual([]);
        expect(await migrationRows(second)).toEqual(['001_notes', '002_tags']);
        expect(await count(second, 'migration_effects')).toBe(1);
        expect(await count(second, 'notes')).toBe(1);
      } finally {
        await second.close();
      }
    });

    test('a migration added later runs alone, on the existing rows', async () => {
      const name = freshName();
      const first = await open(name);
      await first.db.insertInto('notes').values(note(7)).execute();
      await first.close();
      const later = await open(name, addPinned);
      try {
        expect(later.migrated).toEqual(['003_pinned']);
        const { rows } = await sql<{ id: string; pinned: number }>`select id, pinned from notes`.execute(later.db);
        expect(rows).toEqual([{ id: note(7).id, pinned: 0 }]);
      } finally {
        await later.close();
      }
    });

    test('a failing migration is named, and nothing of its run is kept', async () => {
      const name = freshName();
      const error = await open(name, brokenThird).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreMigrationError);
      expect((error as StoreMigrationError).migration).toBe('003_broken');
      expect((error as Error).message).toMatch(/^migration "003_broken" failed on .*no_such_table/);
      // The run was one transaction: the two good migrations before it were rolled back too.
      const fixed = await open(name);
      try {
        expect(fixed.migrated).toEqual(['001_notes', '002_tags']);
        expect(await tablesOf(fixed, name)).not.toContain('half_done');
        expect(await count(fixed, 'migration_effects')).toBe(1);
      } finally {
        await fixed.close();
      }
    });

    test('foreign keys are enforced', async () => {
      const store = await open(freshName());
      try {
        await expect(
          store.db.insertInto('tags').values({ note_id: 'no-such-note', tag: 'x' }).execute(),
        ).rejects.toThrow(/foreign key/i);
        await store.db.insertInto('notes').values(note(1)).execute();
        await store.db
          .insertInto('tags')
          .values({ note_id: note(1).id, tag: 'x' })
          .execute();
        await store.db.deleteFrom('notes').execute();
        expect(await count(store, 'tags')).toBe(0);
      } finally {
        await store.close();
      }
    });

    test('ping answers true while open and false once closed', async () => {
      const store = await open(freshName());
      expect(await store.ping()).toBe(true);
      await store.close();
      expect(await store.ping()).toBe(false);
      await store.close(); // closing twice is harmless
    });
  });
}
