import { RequestError } from '@organizer/auth';

/** Where a page of a list starts: after the item with this sort key and id (the order is key, then id). */
export interface Cursor {
  readonly key: string;
  readonly id: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly after: Cursor | undefined;
}

export interface Page<Item> {
  readonly items: readonly Item[];
  /** Where the next page starts; undefined on the last page. */
  readonly next: Cursor | undefined;
}

/** Items per page when `limit` is not given, and the most a page can hold. */
export const PAGE_SIZE = { default: 50, max: 100 } as const;

const LIMIT = /^[1-9][0-9]{0,2}$/;
const PARTS = /^[\x21-\x7e]{1,64}$/;
const LIMIT_RULE = `limit must be a whole number from 1 to ${PAGE_SIZE.max}`;
const CURSOR_RULE = 'cursor must be the next_cursor of a previous page, as it was given';

/** The cursor as the answer's `next_cursor` carries it: opaque to clients, base64url of its two parts. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor | undefined {
  // Only the canonical spelling, so one cursor is one string (as for tokens).
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) return undefined;
  try {
    const parts: unknown = JSON.parse(bytes.toString('utf8'));
    if (!Array.isArray(parts) || parts.length !== 2) return undefined;
    const [key, id] = parts as unknown[];
    if (typeof key !== 'string' || typeof id !== 'string' || !PARTS.test(key) || !PARTS.test(id)) return undefined;
    return { key, id };
  } catch {
    return undefined;
  }
}

/**
 * A list request's `?limit=` (default 50, at most 100) and `?cursor=` (a previous answer's `next_cursor`);
 * any other parameter, a repeated one or a bad value is a 400 naming the rule.
 */
export function pageRequest(query: Record<string, unknown>): PageRequest {
  const unknown = Object.keys(query).filter((name) => name !== 'limit' && name !== 'cursor');
  if (unknown.length > 0)
    throw RequestError.invalid(`The list takes only limit and cursor, not: ${unknown.sort().join(', ')}`);
  const { limit, cursor: given } = query;
  if (limit !== undefined && (typeof limit !== 'string' || !LIMIT.test(limit) || Number(limit) > PAGE_SIZE.max))
    throw RequestError.invalid(LIMIT_RULE);
  const cursor = given === undefined ? undefined : typeof given === 'string' ? decodeCursor(given) : undefined;
  if (given !== undefined && cursor === undefined) throw RequestError.invalid(CURSOR_RULE);
  return { limit: limit === undefined ? PAGE_SIZE.default : Number(limit), after: cursor };
}

/**
 * A page from rows fetched with one more than the limit, in list order: the extra row only says that
 * there is a next page, which starts after the last row kept.
 */
export function pageOf<Row, Item>(
  rows: readonly Row[],
  { limit }: PageRequest,
  cursorOf: (row: Row) => Cursor,
  toItem: (row: Row) => Item,
): Page<Item> {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return { items: kept.map(toItem), next: rows.length > limit && last !== undefined ? cursorOf(last) : undefined };
}

/** MAX_ITEMS_PER_USER's default: how many items one user may keep in one service. */
export const DEFAULT_MAX_ITEMS = 1000;

/**
 * A user already has the most items one user may keep. The book throws it from inside the transaction
 * that would have added one, so instances sharing a database cannot together go past the limit.
 */
export class ItemLimitError extends Error {
  override name = 'ItemLimitError';
  readonly max: number;
  constructor(max: number) {
    super(`the owner already has ${max} items`);
    this.max = max;
  }
}
