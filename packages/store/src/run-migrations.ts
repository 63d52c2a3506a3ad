import { type Kysely, type Migration, Migrator } from 'kysely';
import { reasonOf, StoreMigrationError } from './store-errors.ts';

export type Migrations = Readonly<Record<string, Migration>>;

/**
 * Brings the schema up to date with Kysely's migrator and returns the names it applied (none when
 * another instance got there first). The migrator takes a lock first (an advisory lock on
 * PostgreSQL, the immediate transaction on SQLite), so instances starting together migrate once.
 * Migrations run in name order; one already applied may not disappear or be reordered.
 */
export async function runMigrations(
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's Migrator takes Kysely<any>; it works on whatever tables the caller has.
  db: Kysely<any>,
  migrations: Migrations,
  location: string,
  schema: string | undefined,
): Promise<readonly string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    // On PostgreSQL the bookkeeping tables live in the service's schema, beside its own tables.
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    throw new StoreMigrationError(location, failed, reasonOf(error), { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
