/**
 * The schema's history, applied in name order at start-up (add a new entry, never edit an applied one).
 * Only types both dialects share (text), so the same migration runs on SQLite and on PostgreSQL.
 */
export const migrations = {
    '001_contacts': {
        // Kysely<any>: a migration runs against the schema as it was then, not as the types above say today.
        async up(db) {
            await db.schema
                .createTable('contacts')
                .addColumn('id', 'text', (c) => c.primaryKey())
                .addColumn('owner', 'text', (c) => c.notNull())
                .addColumn('name', 'text', (c) => c.notNull())
                .addColumn('email', 'text', (c) => c.notNull())
                .addColumn('phone', 'text')
                .addColumn('created_at', 'text', (c) => c.notNull())
                .execute();
            // Every query is for one owner, in creation order.
            await db.schema.createIndex('contacts_by_owner').on('contacts').columns(['owner', 'created_at']).execute();
            await db.schema
                .createTable('seeded_owners')
                .addColumn('owner', 'text', (c) => c.primaryKey())
                .addColumn('seeded_at', 'text', (c) => c.notNull())
                .execute();
        },
    },
};
