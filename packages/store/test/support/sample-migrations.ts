import { type Kysely, type Migration, sql } from 'kysely';
import type { Migrations } from '../../src/index.ts';

/** The tables the sample migrations create, as a service would declare its own. */
export interface SampleDb {
  notes: { id: string; owner: string; body: string; created_at: string };
  tags: { note_id: string; tag: string };
  // No key: a migration that ran twice would leave two rows here.
  migration_effects: { what: string };
}

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against whatever schema exists at its point in history, not SampleDb.
type AnyDb = Kysely<any>;

const notes: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('notes')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('owner', 'varchar(255)', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notes_by_owner').on('notes').column('owner').execute();
  },
};

const tags: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('tags')
      .addColumn('note_id', 'varchar(36)', (c) => c.notNull().references('notes.id').onDelete('cascade'))
      .addColumn('tag', 'varchar(64)', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('migration_effects')
      .addColumn('what', 'text', (c) => c.notNull())
      .execute();
    await db.insertInto('migration_effects').values({ what: '002_tags ran' }).execute();
  },
};

export const sampleMigrations: Migrations = { '001_notes': notes, '002_tags': tags };

/** A later migration that adds a column to a table holding data. */
export const addPinned: Migrations = {
  ...sampleMigrations,
  '003_pinned': {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('notes')
        .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
};

/** Creates a table, then fails: the table must not survive. */
export const brokenThird: Migrations = {
  ...sampleMigrations,
  '003_broken': {
    async up(db: AnyDb) {
      await db.schema.createTable('half_done').addColumn('x', 'integer').execute();
      await sql`insert into no_such_table values (1)`.execute(db);
    },
  },
};

/** Holds the migration lock for a while, so instances starting together really overlap. */
export const slowThird: Migrations = {
  ...sampleMigrations,
  '003_slow': {
    async up(db: AnyDb) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await db.insertInto('migration_effects').values({ what: '003_slow ran' }).execute();
    },
  },
};

export function note(i: number, owner = 'alice'): SampleDb['notes'] {
  return {
    id: `note-${String(i).padStart(4, '0')}`,
    owner,
    body: `note number ${i}`,
    created_at: new Date(0).toISOString(),
  };
}
