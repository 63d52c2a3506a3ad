import { type Store } from '@organizer/store';
import type { Kysely } from 'kysely';
import type { DataConfig } from './config.ts';
import { type ContactsDb } from './contacts-schema.ts';
import { type Contact, type NewContact } from './demo-contacts.ts';
/** Opens (and migrates) the service's own database: `<DATA_DIR>/contacts.sqlite` or the `contacts` schema. */
export declare function openContactsStore(data: DataConfig): Promise<Store<ContactsDb>>;
/**
 * Every query of the contacts service, each scoped to one owner (the token's `sub`): no method reads or
 * deletes another owner's row, so object-level authorization is in the SQL, not in each route. The same
 * queries run on SQLite and on PostgreSQL.
 */
export declare class ContactBook {
    private readonly db;
    constructor(db: Kysely<ContactsDb>);
    /** The owner's contacts in the order they were added; the first call for an owner seeds the demo ones. */
    list(owner: string): Promise<Contact[]>;
    /** Seeds first, as a read would, so that a new user's first contact comes after the demo ones. */
    add(owner: string, input: NewContact): Promise<Contact>;
    /** False when the owner has no contact with that id: someone else's and a made-up one look the same. */
    remove(owner: string, id: string): Promise<boolean>;
    /**
     * Seeds the demo contacts once per owner, even when two first reads (on one instance or several) race:
     * the owner's row in seeded_owners is claimed in the same transaction as the inserts, and only the
     * transaction whose insert claimed it seeds. The other one waits for it (PostgreSQL's unique index,
     * SQLite's write lock), then finds the row and adds nothing.
     */
    private seedOnce;
}
