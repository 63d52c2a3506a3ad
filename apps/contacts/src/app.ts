import { createItemApp, type ItemAppOptions, type ItemKind } from '@organizer/service';
import type { Express } from 'express';
import type { ContactsConfig } from './config.ts';
import { ContactBook } from './contact-book.ts';
import { contactIdSchema, newContactSchema } from './contact-input.ts';
import type { ContactsDb } from './contacts-schema.ts';
import { type Contact, type NewContact, SHARED_CONTACTS } from './demo-contacts.ts';

export const READ_CONTACTS = 'read:contacts';
export const WRITE_CONTACTS = 'write:contacts';

export type { ContactsConfig } from './config.ts';
export { openContactsStore } from './contact-book.ts';
export type { ContactsDb } from './contacts-schema.ts';

export type ContactsAppOptions = ItemAppOptions<ContactsDb>;

/** The contacts a user keeps: what the shared item routes need to know about them. */
export const CONTACTS: ItemKind<ContactsDb, Contact, NewContact> = {
  service: 'contacts',
  items: 'contacts',
  item: 'contact',
  permissions: { read: READ_CONTACTS, write: WRITE_CONTACTS },
  newItem: newContactSchema,
  itemId: contactIdSchema,
  openBook: (db) => new ContactBook(db),
  shared: () => SHARED_CONTACTS,
};

/**
 * The contacts service: GET /api/contacts (read:contacts) lists the caller's contacts, POST /api/contacts
 * and DELETE /api/contacts/:id (write:contacts) change them; open GET /health and GET /ready.
 */
export function createApp(config: ContactsConfig, options: ContactsAppOptions): Express {
  return createItemApp(CONTACTS, config, options);
}
