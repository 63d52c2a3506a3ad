import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { checkDatabaseUrl, createPostgresDialect, describePostgres } from './postgres-dialect.ts';
import { type Migrations, runMigrations } from './run-migrations.ts';
import { createSqliteDialect, retryWhileBusy } from './sqlite-dialect.ts';
import { reasonOf, StoreConfigError, StoreUnavailableError } from './store-errors.ts';

export interface StoreOptions {
  /**
   * The service that owns the data: the SQLite file is `<dataDir>/<name>.sqlite`, the PostgreSQL
   * schema is `<name>`. Lower-case letters, digits and `_`, starting with a letter.
   */
  readonly name: string;
  /** The folder for the SQLite file, created when missing; unused with a databaseUrl. */
  readonly dataDir: string;
  /** A postgres:// URL selects PostgreSQL; empty or undefined keeps the data in SQLite. */
  readonly databaseUrl?: string | undefined;
  /** Kysely migrations by name, applied in name order when the store opens. */
  readonly migrations: Migrations;
  /** PostgreSQL connections this instance may hold at once (default 10). */
  readonly poolSize?: number;
}

export interface Store<DB> {
  readonly db: Kysely<DB>;
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data is, without credentials, for logs: a file, or host:port/database and schema. */
  readonly location: string;
  /** The migrations this open applied (empty when the schema was already up to date). */
  readonly migrated: readonly string[];
  /** True when the database answers a trivial query within timeoutMs: the readiness probe's half. */
  ping(timeoutMs?: number): Promise<boolean>;
  /** Closes the file or the connection pool; later queries fail and ping() answers false. */
  close(): Promise<void>;
}

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Opens the service's own database and migrates it: PostgreSQL when a databaseUrl is given, else an
 * SQLite file in dataDir. Throws StoreConfigError, StoreUnavailableError or StoreMigrationError;
 * nothing is left open when it throws.
 */
export async function openStore<DB>(options: StoreOptions): Promise<Store<DB>> {
  const { name, dataDir, migrations, poolSize = 10 } = options;
  if (!NAME.test(name)) {
    throw new StoreConfigError(
      'name',
      `"${name}" is not a plain lower-case identifier`,
      'Use letters, digits and _, starting with a letter.',
    );
  }
  const databaseUrl = options.databaseUrl?.trim() ?? '';
  if (databaseUrl !== '') {
    const url = checkDatabaseUrl(databaseUrl);
    const location = `${describePostgres(url)}, schema ${name}`;
    const db = new Kysely<DB>({ dialect: createPostgresDialect({ url, schema: name, poolSize }) });
    return storeOf(db, 'postgres', location, await migrate(db, migrations, location, name));
  }
  const file = join(dataDir, `${name}.sqlite`);
  const location = `SQLite file ${file}`;
  return retryWhileBusy(async () => {
    let db: Kysely<DB>;
    try {
      db = new Kysely<DB>({ dialect: createSqliteDialect(dataDir, file) });
    } catch (error) {
      throw new StoreUnavailableError(location, reasonOf(error), { cause: error });
    }
    return storeOf(db, 'sqlite', location, await migrate(db, migrations, location, undefined));
  });
}

/** Checks that the database answers, then applies the pending migrations; closes `db` when either fails. */
async function migrate<DB>(
  db: Kysely<DB>,
  migrations: Migrations,
  location: string,
  schema: string | undefined,
): Promise<readonly string[]> {
  try {
    // One trivial query first, so a server that cannot be reached is told apart from a bad migration.
    await sql`select 1`.execute(db).catch((error: unknown) => {
      throw new StoreUnavailableError(location, reasonOf(error), { cause: error });
    });
    return await runMigrations(db, migrations, location, schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

function storeOf<DB>(
  db: Kysely<DB>,
  dialect: Store<DB>['dialect'],
  location: string,
  migrated: readonly string[],
): Store<DB> {
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect,
    location,
    migrated,
    async ping(timeoutMs = 1_000) {
      if (closing !== undefined) return false;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const answer = sql`select 1`.execute(db).then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([answer, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closing ??= db.destroy();
      return closing;
    },
  };
}
