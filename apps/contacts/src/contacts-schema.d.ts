import type { Migrations } from '@organizer/store';
/** One contact, owned by the `sub` of the user who created it (or for whom it was seeded). */
export interface ContactsTable {
    readonly id: string;
    readonly owner: string;
    readonly name: string;
    readonly email: string;
    readonly phone: string | null;
    /** ISO 8601 in UTC: sorts as text the same way in SQLite and PostgreSQL. */
    readonly created_at: string;
}
/** Users whose demo contacts were seeded; a row here means "never seed again", even after they deleted all. */
export interface SeededOwnersTable {
    readonly owner: string;
    readonly seeded_at: string;
}
export interface ContactsDb {
    contacts: ContactsTable;
    seeded_owners: SeededOwnersTable;
}
/**
 * The schema's history, applied in name order at start-up (add a new entry, never edit an applied one).
 * Only types both dialects share (text), so the same migration runs on SQLite and on PostgreSQL.
 */
export declare const migrations: Migrations;
