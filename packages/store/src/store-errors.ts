/**
 * Errors the store throws, one class per thing that can go wrong, so a service can map each to its
 * own answer (a start-up message, a 503) without parsing text. Messages name what failed and where
 * (a file path or host:port/database), never a password; the driver's own error stays in `cause`
 * for logs and never belongs in an HTTP body.
 */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** A setting is wrong (for example DATABASE_URL is not a postgres:// URL); fixing it is the only cure. */
export class StoreConfigError extends StoreError {
  override name = 'StoreConfigError';
  readonly setting: string;
  constructor(setting: string, problem: string, fix: string) {
    super(`${setting} ${problem}. ${fix}`);
    this.setting = setting;
  }
}

/** The database could not be opened or reached; trying again later may work. */
export class StoreUnavailableError extends StoreError {
  override name = 'StoreUnavailableError';
  readonly location: string;
  constructor(location: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot use the database at ${location}: ${reason}`, options);
    this.location = location;
  }
}

/** A migration failed; nothing of the failed run was kept (each run is one transaction). */
export class StoreMigrationError extends StoreError {
  override name = 'StoreMigrationError';
  readonly location: string;
  /** The migration that failed, or undefined when the failure came before any migration ran. */
  readonly migration: string | undefined;
  constructor(location: string, migration: string | undefined, reason: string, options?: { cause?: unknown }) {
    super(
      migration === undefined
        ? `migrations could not run on ${location}: ${reason}`
        : `migration "${migration}" failed on ${location}: ${reason}`,
      options,
    );
    this.location = location;
    this.migration = migration;
  }
}

// Node's socket errors and PostgreSQL's SQLSTATE codes that mean "the server cannot be used now",
// as opposed to a mistake in a query. SQLite's BUSY/LOCKED mean another writer held the file too long.
const UNREACHABLE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is the server running on that port?)',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  '28P01': 'authentication failed (check the user and password in the URL)',
  '28000': 'the server refused this user',
  '3D000': 'the database does not exist (create it first)',
  '53300': 'the server has too many connections',
  '57P01': 'the server is shutting down',
  '57P02': 'the server is shutting down',
  '57P03': 'the server is starting up or shutting down',
  SQLITE_BUSY: 'the database file is locked by another writer',
  SQLITE_LOCKED: 'the database file is locked',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
  SQLITE_READONLY: 'the database file is read-only',
};

const CONNECTION_LOST = /connection terminated|timeout exceeded when trying to connect|connection error/i;

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * True when an error from a query means the database is out of reach (not a bug in the query), so a
 * service can answer 503 with Retry-After instead of 500.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const code = codeOf(error);
  // pg and pg-pool report a dropped or timed-out connection with these messages and no code.
  if (code === undefined) return error instanceof Error && CONNECTION_LOST.test(error.message);
  // Class 08 is PostgreSQL's "connection exception".
  return code in UNREACHABLE || code.startsWith('08') || code.startsWith('SQLITE_BUSY');
}

/** A short, password-free reason for a driver error, for StoreError messages. */
export function reasonOf(error: unknown): string {
  const code = codeOf(error);
  const known = code === undefined ? undefined : UNREACHABLE[code];
  if (known !== undefined) return `${known} [${code}]`;
  // Server messages (PostgreSQL's, SQLite's) name objects, not credentials; the URL never reaches them.
  const message = error instanceof Error ? error.message : String(error);
  return code === undefined ? message : `${message} [${code}]`;
}
