import type { Transaction } from 'kysely';
import { ItemLimitError } from './item-limits.ts';

/**
 * The row each service keeps per owner: seeded once (never again, even after every item is deleted), and
 * how many items the owner has, kept with every insert and delete so the limit is one row's check.
 */
export interface SeededOwnersTable {
  readonly owner: string;
  readonly seeded_at: string;
  readonly item_count: number;
}

/** What a service's database has in common with the others: its `seeded_owners` table. */
export interface OwnersDb {
  seeded_owners: SeededOwnersTable;
}

// Each service's own database type has seeded_owners beside its items; Kysely's builders cannot be typed
// over "any DB with this table", so the transaction is seen through that one table.
const owners = <DB extends OwnersDb>(trx: Transaction<DB>) => trx as unknown as Transaction<OwnersDb>;

/**
 * Counts one more item for `owner`, inside the transaction that inserts it, or throws ItemLimitError when
 * the owner already has `max`. One conditional update of the owner's row: PostgreSQL serialises it per
 * owner (a row lock), SQLite per file, so instances sharing a database cannot together go past `max`.
 */
export async function countItemIn<DB extends OwnersDb>(
  trx: Transaction<DB>,
  owner: string,
  max: number,
): Promise<void> {
  const counted = await owners(trx)
    .updateTable('seeded_owners')
    .set((eb) => ({ item_count: eb('item_count', '+', 1) }))
    .where('owner', '=', owner)
    .where('item_count', '<', max)
    .executeTakeFirst();
  if (counted.numUpdatedRows !== 1n) throw new ItemLimitError(max);
}

/** Counts one item less for `owner`, inside the transaction that deleted it. */
export async function countItemOut<DB extends OwnersDb>(trx: Transaction<DB>, owner: string): Promise<void> {
  await owners(trx)
    .updateTable('seeded_owners')
    .set((eb) => ({ item_count: eb('item_count', '-', 1) }))
    .where('owner', '=', owner)
    .execute();
}
