import { randomUUID } from 'node:crypto';
import { countItemIn, countItemOut, type Page, type PageRequest, pageOf } from '@organizer/service';
import { openStore, type Store } from '@organizer/store';
import type { Kysely } from 'kysely';
import { type CalendarDb, migrations } from './calendar-schema.ts';
import type { DataConfig } from './config.ts';
import { type Appointment, demoAppointments, type NewAppointment } from './demo-appointments.ts';

/** Opens (and migrates) the service's own database: `<DATA_DIR>/calendar.sqlite` or the `calendar` schema. */
export function openCalendarStore(data: DataConfig): Promise<Store<CalendarDb>> {
  return openStore<CalendarDb>({ name: 'calendar', dataDir: data.dataDir, databaseUrl: data.databaseUrl, migrations });
}

/**
 * Every query of the calendar service, each scoped to one owner (the token's `sub`): no method reads or
 * deletes another owner's row, so object-level authorization is in the SQL, not in each route. The same
 * queries run on SQLite and on PostgreSQL.
 */
export class AppointmentBook {
  private readonly db: Kysely<CalendarDb>;

  constructor(db: Kysely<CalendarDb>) {
    this.db = db;
  }

  /** A page of the owner's appointments by start time (then by id), after the cursor's; the first call seeds the demo week. */
  async list(owner: string, page: PageRequest): Promise<Page<Appointment>> {
    await this.seedOnce(owner);
    const { after } = page;
    const rows = await this.db
      .selectFrom('appointments')
      .select(['id', 'title', 'starts_at', 'ends_at'])
      .where('owner', '=', owner)
      .$if(after !== undefined, (q) =>
        q.where((eb) => eb(eb.refTuple('starts_at', 'id'), '>', eb.tuple(after!.key, after!.id))),
      )
      .orderBy('starts_at')
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
    return pageOf(
      rows,
      page,
      (row) => ({ key: row.starts_at, id: row.id }),
      (row) => ({ id: row.id, title: row.title, start: row.starts_at, end: row.ends_at }),
    );
  }

  /**
   * `start` and `end` as toISOString() writes them (the input schema normalises them). Seeds first, as a
   * read would; the count and the insert are one transaction holding the owner's row in seeded_owners, so
   * two instances cannot both pass the count (as in the contact book).
   */
  async add(owner: string, input: NewAppointment, maxItems: number): Promise<Appointment> {
    await this.seedOnce(owner);
    const appointment: Appointment = { id: randomUUID(), ...input };
    await this.db.transaction().execute(async (trx) => {
      await countItemIn(trx, owner, maxItems);
      await trx
        .insertInto('appointments')
        .values({
          id: appointment.id,
          owner,
          title: input.title,
          starts_at: input.start,
          ends_at: input.end,
          created_at: new Date().toISOString(),
        })
        .execute();
    });
    return appointment;
  }

  /** False when the owner has no appointment with that id: someone else's and a made-up one look the same. */
  async remove(owner: string, id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom('appointments')
        .where('id', '=', id)
        .where('owner', '=', owner)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) return false;
      await countItemOut(trx, owner);
      return true;
    });
  }

  /**
   * Seeds the demo week once per owner, even when two first reads (on one instance or several) race: the
   * owner's row in seeded_owners is claimed in the same transaction as the inserts, and only the
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
      const now = new Date();
      const week = demoAppointments(now);
      const claim = await trx
        .insertInto('seeded_owners')
        .values({ owner, seeded_at: now.toISOString(), item_count: week.length })
        .onConflict((conflict) => conflict.column('owner').doNothing())
        .executeTakeFirst();
      if (claim.numInsertedOrUpdatedRows !== 1n) return;
      const rows = week.map((demo) => ({
        id: randomUUID(),
        owner,
        title: demo.title,
        starts_at: demo.start,
        ends_at: demo.end,
        created_at: now.toISOString(),
      }));
      await trx.insertInto('appointments').values(rows).execute();
    });
  }
}
