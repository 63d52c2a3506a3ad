import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '@organizer/store';
import type { ItemServiceSpec } from '@organizer/testing';
import { expect } from 'vitest';
import { type ContactsConfig, type ContactsDb, createApp, openContactsStore } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { DEMO_CONTACTS } from '../../src/demo-contacts.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The contacts service as the workspace's shared suites (@organizer/testing) test it. */
export const CONTACTS_SPEC: ItemServiceSpec<ContactsConfig, Store<ContactsDb>> = {
  service: 'contacts',
  items: 'contacts',
  item: 'contact',
  migrations: ['001_contacts', '002_item_counts', '003_dpop_proofs'],
  appDir: fileURLToPath(new URL('../..', import.meta.url)),
  read: 'read:contacts',
  write: 'write:contacts',
  otherPermissions: ['read:calendar', 'write:calendar'],
  demoCount: DEMO_CONTACTS.length,
  sharedIds: ['org-1', 'org-2'],
  checkSeeded: (contacts) => {
    expect(contacts.map((c) => c.name)).toEqual(DEMO_CONTACTS.map((c) => c.name));
    for (const contact of contacts) {
      expect(contact).toEqual({
        id: expect.stringMatching(UUID),
        name: expect.any(String),
        email: expect.stringContaining('@'),
        phone: expect.stringMatching(/^\+[\d ]+$/),
      });
    }
  },
  sample: (n) => {
    const contact = { name: `Person ${n}`, email: `p${n}@example.com` };
    return { body: contact, answer: contact };
  },
  loadConfig,
  openStore: openContactsStore,
  openEmptyStore: (dataDir) => openStore({ name: 'contacts', dataDir, migrations: {} }),
  createApp,
};
