import { type DpopProofsTable, dpopProofsMigration, type SeededOwnersTable } from '@organizer/service';
import type { Migrations } from '@organizer/store';
import { type Kysely, sql } from 'kysely';

/** One appointment, owned by the `sub` of the user who created it (or for whom it was seeded). */
export interface AppointmentsTable {
  readonly id: string;
  readonly owner: string;
  readonly title: string;
  /** ISO 8601 in UTC with milliseconds (toISOString): sorts as text the same way in SQLite and PostgreSQL. */
  readonly starts_at: string;
  readonly ends_at: string;
  readonly created_at: string;
}

// seeded_owners: a row per user whose demo items were seeded, with their item count (@organizer/service).

export interface CalendarDb {
  appointments: AppointmentsTable;
  seeded_owners: SeededOwnersTable;
  dpop_proofs: DpopProofsTable;
}

/**
 * The schema's history, applied in name order at start-up (add a new entry, never edit an applied one).
 * Only types both dialects share (text), so the same migration runs on SQLite and on PostgreSQL.
 */
export const migrations: Migrations = {
  '001_appointments': {
    // biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema as it was then, not as the types above say today.
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('appointments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // Every query is for one owner, in the order of the calendar.
      await db.schema.createIndex('appointments_by_owner').on('appointments').columns(['owner', 'starts_at']).execute();
      await db.schema
        .createTable('seeded_owners')
        .addColumn('owner', 'text', (c) => c.primaryKey())
        .addColumn('seeded_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '002_item_counts': {
    // biome-ignore lint/suspicious/noExplicitAny: as above, the schema as it was then.
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('seeded_owners')
        .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`update seeded_owners set item_count = (select count(*) from appointments where appointments.owner = seeded_owners.owner)`.execute(
        db,
      );
    },
  },
  // Each DPoP proof accepted once across the instances sharing this database (@organizer/service).
  '003_dpop_proofs': dpopProofsMigration,
};
