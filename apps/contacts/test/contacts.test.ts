import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ItemLimitError } from '@organizer/service';
import { openStore, StoreConfigError } from '@organizer/store';
import { describeItemService, useItemService } from '@organizer/testing';
import { sql } from 'kysely';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { type ContactsDb, openContactsStore } from '../src/app.ts';
import { DEFAULT_DATA_DIR } from '../src/config.ts';
import { ContactBook } from '../src/contact-book.ts';
import { migrations } from '../src/contacts-schema.ts';
import { CONTACTS_SPEC } from './support/contacts-spec.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ok = { name: 'Ada', email: 'ada@example.com' };

// What contacts shares with calendar (routes, rules, the protected-service suite, settings), with its own data.
const target = describeItemService(CONTACTS_SPEC, {
  invalid: [
    ['no fields', {}, 'name is required; email is required'],
    ['an empty name', { ...ok, name: '   ' }, 'name must not be empty'],
    ['a name of 101 characters', { ...ok, name: 'x'.repeat(101) }, 'name must be at most 100 characters'],
    [
      'a name with a line break',
      { ...ok, name: 'Ada\nLovelace' },
      'name must be one line of text (no control characters)',
    ],
    ['a number for a name', { ...ok, name: 42 }, 'name must be a string'],
    ['a name of only zero-width spaces', { ...ok, name: '\u200b\u200b' }, 'name must not be empty'],
    [
      'a name with a line separator',
      { ...ok, name: 'Ada\u2028Lovelace' },
      'name must be one line of text (no control characters)',
    ],
    [
      'a name with a right-to-left override',
      { ...ok, name: 'Ada \u202egpj.exe' },
      'name must be one line of text (no control characters)',
    ],
    [
      'an email without @',
      { ...ok, email: 'ada.example.com' },
      'email must be an email address such as ada@example.com',
    ],
    [
      'a phone with letters',
      { ...ok, phone: 'call me' },
      'phone must be a phone number: digits, spaces and + ( ) - . only, such as +44 7700 900123',
    ],
    ['a phone of 33 characters', { ...ok, phone: `+${'1'.repeat(32)}` }, 'phone must be at most 32 characters'],
    ['a null phone', { ...ok, phone: null }, 'phone must be a string'],
    [
      'an id chosen by the client',
      { ...ok, id: 'c-1' },
      'The body has unknown fields: id (a contact takes name, email and phone)',
    ],
    [
      "another user's sub as owner",
      { ...ok, owner: 'auth0|carol' },
      'The body has unknown fields: owner (a contact takes name, email and phone)',
    ],
    ['an array', [ok], 'The body must be a JSON object { name, email, phone? }'],
  ],
  defaultDataDir: DEFAULT_DATA_DIR,
  defaultPort: 3001,
  storeConfigError: StoreConfigError,
});

describe('contacts of their own, on SQLite', () => {
  const s = useItemService(CONTACTS_SPEC, target);
  const add = async (sub: string, body: object) =>
    request(s().server)
      .post('/api/contacts')
      .set('Authorization', await s().bearer(sub))
      .send(body);

  it('answers 201 with the created contact, trimmed, which the next read lists last', async () => {
    const alice = s().user('alice');
    const res = await add(alice, { name: '  Hedy Lamarr ', email: 'hedy@example.com', phone: '+1 (555) 010-0199' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(UUID),
      name: 'Hedy Lamarr',
      email: 'hedy@example.com',
      phone: '+1 (555) 010-0199',
    });
    const listed = await request(s().server)
      .get('/api/contacts')
      .set('Authorization', await s().bearer(alice));
    expect(listed.body.contacts.at(-1)).toEqual(res.body);
  });

  it('takes a contact without a phone, and answers it without one', async () => {
    const res = await add(s().user('alice'), { name: 'Radia Perlman', email: 'radia@example.com' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(UUID), name: 'Radia Perlman', email: 'radia@example.com' });
  });

  it('refuses an email over 254 characters', async () => {
    const res = await add(s().user('alice'), { ...ok, email: `${'a'.repeat(60)}@${'b'.repeat(200)}.example.com` });
    expect(res.status).toBe(400);
    expect(res.body.error_description).toContain('email must be at most 254 characters');
  });
});

describe('a database from before the item counts (001_contacts only)', () => {
  it("gets each owner's count from their rows when 002_item_counts applies, and the limit holds from there", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'organizer-contacts-upgrade-'));
    try {
      const before = await openStore<ContactsDb>({
        name: 'contacts',
        dataDir,
        migrations: { '001_contacts': migrations['001_contacts']! },
      });
      await sql`insert into seeded_owners (owner, seeded_at) values ('auth0|old', '2026-01-01T00:00:00.000Z')`.execute(
        before.db,
      );
      for (let n = 0; n < 3; n++)
        await sql`insert into contacts (id, owner, name, email, created_at) values (${randomUUID()}, 'auth0|old', 'Old', 'old@example.com', '2026-01-01T00:00:00.000Z')`.execute(
          before.db,
        );
      await before.close();
      const after = await openContactsStore({ dataDir, databaseUrl: undefined });
      try {
        expect(after.migrated).toEqual(['002_item_counts', '003_dpop_proofs']);
        const row = await after.db
          .selectFrom('seeded_owners')
          .select('item_count')
          .where('owner', '=', 'auth0|old')
          .executeTakeFirst();
        expect(Number(row?.item_count)).toBe(3);
        const book = new ContactBook(after.db);
        await book.add('auth0|old', { name: 'New', email: 'new@example.com' }, 4);
        await expect(book.add('auth0|old', { name: 'One more', email: 'more@example.com' }, 4)).rejects.toBeInstanceOf(
          ItemLimitError,
        );
      } finally {
        await after.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
