import { randomUUID } from 'node:crypto';
import { countItemIn, countItemOut, type Page, type PageRequest, pageOf } from '@organizer/service';
import { openStore, type Store } from '@organizer/store';
import type { Kysely, Selectable } from 'kysely';
import type { DataConfig } from './config.ts';
import { type ContactsDb, type ContactsTable, migrations } from './contacts-schema.ts';
import { type Contact, DEMO_CONTACTS, type NewContact } from './demo-contacts.ts';

/** Opens (and migrates) the service's own database: `<DATA_DIR>/contacts.sqlite` or the `contacts` schema. */
export function openContactsStore(data: DataConfig): Promise<Store<ContactsDb>> {
  return openStore<ContactsDb>({ name: 'contacts', dataDir: data.dataDir, databaseUrl: data.databaseUrl, migrations });
}

function toContact(row: Pick<Selectable<ContactsTable>, 'id' | 'name' | 'email' | 'phone'>): Contact {
  return row.phone === null
    ? { id: row.id, name: row.name, email: row.email }
    : { id: row.id, name: row.name, email: row.email, phone: row.phone };
}

/**
 * Every query of the contacts service, each scoped to one owner (the token's `sub`): no method reads or
 * deletes another owner's row, so object-level authorization is in the SQL, not in each route. The same
 * queries run on SQLite and on PostgreSQL.
 */
export class ContactBook {
  private readonly db: Kysely<ContactsDb>;

  constructor(db: Kysely<ContactsDb>) {
    this.db = db;
  }

  /**
   * A page of the owner's contacts in the order they were added (then by id), after the cursor's; the first
   * call for an owner seeds the demo ones.
   */
  async list(owner: string, page: PageRequest): Promise<Page<Contact>> {
    await this.seedOnce(owner);
    const { after } = page;
    const rows = await this.db
      .selectFrom('contacts')
      .select(['id', 'name', 'email', 'phone', 'created_at'])
      .where('owner', '=', owner)
      .$if(after !== undefined, (q) =>
        q.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after!.key, after!.id))),
      )
      .orderBy('created_at')
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
    return pageOf(rows, page, (row) => ({ key: row.created_at, id: row.id }), toContact);
  }

  /**
   * Seeds first, as a read would, so that a new user's first contact comes after the demo ones. The count
   * and the insert are one transaction that first takes the owner's row in seeded_owners (a row lock on
   * PostgreSQL; SQLite's transactions take the write lock), so two instances cannot both pass the count.
   */
  async add(owner: string, input: NewContact, maxItems: number): Promise<Contact> {
    await this.seedOnce(owner);
    const contact: Contact = { id: randomUUID(), ...input };
    await this.db.transaction().execute(async (trx) => {
      await countItemIn(trx, owner, maxItems);
      await trx
        .insertInto('contacts')
        .values({
          id: contact.id,
          owner,
          name: input.name,
          email: input.email,
          phone: input.phone ?? null,
          created_at: new Date().toISOString(),
        })
        .execute();
    });
    return contact;
  }

  /** False when the owner has no contact with that id: someone else's and a made-up one look the same. */
  async remove(owner: string, id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom('contacts')
        .where('id', '=', id)
        .where('owner', '=', owner)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) return false;
      await countItemOut(trx, owner);
      return true;
    });
  }

  /**
   * Seeds the demo contacts once per owner, even when two first reads (on one instance or several) race:
   * the owner's row in seeded_owners is claimed in the same transaction as the inserts, and only the
   * transaction whose insert claimed it seeds. The other one waits for it (PostgreSQL's unique index,
   * SQLite's write lock), then finds the row and adds nothing.
   */
  private async seedOnce(owner: string): Promise<void> {
    const seeded = await this.db
      .selectFrom('seeded_owners')
      .select('owner')
      .where('owner', '=', owner)
      .executeTakeFirst();
    if (seeded !== undefined) return;
    await this.db.transaction().execute(async (trx) => {
      const now = Date.now();
      const claim = await trx
        .insertInto('seeded_owners')
        .values({ owner, seeded_at: new Date(now).toISOString(), item_count: DEMO_CONTACTS.length })
        .onConflict((conflict) => conflict.column('owner').doNothing())
        .executeTakeFirst();
      if (claim.numInsertedOrUpdatedRows !== 1n) return;
      // A millisecond apart and just before now, so the demo keeps its order and anything added later follows it.
      const rows = DEMO_CONTACTS.map((demo, i) => ({
        id: randomUUID(),
        owner,
        name: demo.name,
        email: demo.email,
        phone: demo.phone ?? null,
        created_at: new Date(now - DEMO_CONTACTS.length + i).toISOString(),
      }));
      await trx.insertInto('contacts').values(rows).execute();
    });
  }
}
