import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/** How long a writer waits for another process's write to finish before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Every transaction starts with BEGIN IMMEDIATE, taking the write lock up front. With SQLite's
 * default (deferred) BEGIN, a transaction that reads and then writes while another process wrote
 * in between fails at once with SQLITE_BUSY instead of waiting for busy_timeout; that is what two
 * instances migrating one file at the same time would do.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite's DDL is transactional, but Kysely's adapter says otherwise, so its migrator would run each
 * migration outside a transaction and without a lock: a failed migration would leave half a schema
 * and two processes could both migrate. Saying "transactional" makes each migration run one
 * (immediate, hence exclusive) transaction, which is also the lock between processes.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ServiceSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

/**
 * Opens (creating it and its folder when missing) one SQLite file in WAL mode, so readers never wait
 * for the writer and a crash loses no committed write; with foreign keys enforced, which SQLite
 * leaves off by default. The data is the owner's only: a folder made here is 0700 (an existing one is
 * left as it is, since it may be shared, such as /srv), and the file and its -wal and -shm are 0600,
 * tightened on every open (SQLite gives the two the database file's own mode when it makes them).
 */
export function createSqliteDialect(dataDir: string, file: string): SqliteDialect {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
  const database = new Database(file);
  try {
    // busy_timeout first: switching to WAL needs a lock that another starting process may hold.
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  return new ServiceSqliteDialect({ database });
}

/**
 * Runs `open` again while it fails with SQLITE_BUSY, for at most BUSY_TIMEOUT_MS. SQLite skips the busy
 * timeout where waiting could deadlock, and two processes creating one file at the same moment (one of
 * them switching it to WAL) meet exactly that; a moment later the second one succeeds. `open` must leave
 * nothing open when it throws.
 */
export async function retryWhileBusy<T>(open: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      return await open();
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      await sleep(20 + Math.random() * 60);
    }
  }
}

function isBusy(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
  }
  return false;
}
