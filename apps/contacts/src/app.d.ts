import { type ProtectionOptions } from '@organizer/auth';
import { type Store } from '@organizer/store';
import { type Express } from 'express';
import type { ContactsConfig } from './config.ts';
import type { ContactsDb } from './contacts-schema.ts';
export declare const CONTACTS_SCOPE = "read:contacts";
export declare const CONTACTS_WRITE_SCOPE = "write:contacts";
export type { ContactsConfig } from './config.ts';
export type { ContactsDb } from './contacts-schema.ts';
export { openContactsStore } from './contact-book.ts';
export interface ContactsAppOptions extends ProtectionOptions {
    /** The service's own database, opened (and migrated) by the caller, which also closes it. */
    readonly store: Store<ContactsDb>;
}
/**
 * The contacts service: open GET /health; GET /api/contacts (read:contacts) lists the caller's contacts,
 * POST /api/contacts and DELETE /api/contacts/:id (write:contacts) change them. Every item belongs to the
 * token's `sub`; another user's id answers 404. A body is read only after the token and scope checks.
 */
export declare function createApp(config: ContactsConfig, { store, ...options }: ContactsAppOptions): Express;
