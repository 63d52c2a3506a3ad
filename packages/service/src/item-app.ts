import {
  type Caller,
  callerOf,
  createProtection,
  methodNotAllowed,
  type ProtectionOptions,
  RequestError,
} from '@organizer/auth';
import { isUnavailable, type Store } from '@organizer/store';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { encodeCursor, ItemLimitError, type Page, type PageRequest, pageRequest } from './item-limits.ts';
import { jsonBody, validInput } from './json-body.ts';
import { createServiceMetrics } from './metrics.ts';
import { apiDocument } from './openapi.ts';
import { storeReplayGuard } from './proof-memory.ts';
import type { ServiceConfig } from './service-config.ts';

/** A user's items in the service's own database; every call names the owner (the token's `sub`). */
export interface ItemBook<Item, NewItem> {
  /** One page of the owner's items, in the list's order. */
  list(owner: string, page: PageRequest): Promise<Page<Item>>;
  /** Throws ItemLimitError, adding nothing, when the owner already has `maxItems`. */
  add(owner: string, input: NewItem, maxItems: number): Promise<Item>;
  /** False when the owner has no item with this id (someone else's included). */
  remove(owner: string, id: string): Promise<boolean>;
}

/** What makes one service of items different from another: names, permissions, input and data. */
export interface ItemKind<DB, Item, NewItem> {
  /** `contacts`: the service's name (logs, /health) and its route, /api/<name>. */
  readonly service: string;
  /** `contacts`, `appointments`: the list's key in a GET's answer, and in messages. */
  readonly items: string;
  /** `contact`: one item, in messages. */
  readonly item: string;
  /** The permissions to read the list and to change it, such as read:contacts and write:contacts. */
  readonly permissions: { readonly read: string; readonly write: string };
  /** Validates a POST body; the OpenAPI document describes the body and the answered item from it too. */
  readonly newItem: z.ZodType<NewItem>;
  readonly itemId: z.ZodType<{ readonly id: string }>;
  readonly openBook: (db: Kysely<DB>) => ItemBook<Item, NewItem>;
  /** What a machine-to-machine client reads: the organisation's items, owned by no user. */
  readonly shared: () => readonly Item[];
}

export interface ItemAppOptions<DB> extends ProtectionOptions {
  /** The service's own database, opened (and migrated) by the caller, which also closes it. */
  readonly store: Store<DB>;
}

/** requireScope guarantees req.auth; the check keeps the types honest without a cast. */
function caller(req: Request): Caller {
  if (req.auth === undefined) throw new Error('route reached without a verified token');
  return callerOf(req.auth);
}

/**
 * A service of items each user owns: open GET /health (liveness), GET /ready (readiness), GET /metrics
 * (Prometheus, unless METRICS=off) and GET /openapi.json (its part of the API's description); GET
 * /api/<service> (the read permission) lists the caller's items a page at a time (`limit`, `cursor`), POST
 * /api/<service> and DELETE /api/<service>/:id (the write permission) change them, up to
 * MAX_ITEMS_PER_USER items per user. Another user's id answers 404, and a body is read only after the token
 * and permission checks.
 */
export function createItemApp<DB, Item, NewItem>(
  kind: ItemKind<DB, Item, NewItem>,
  config: ServiceConfig,
  { store, ...options }: ItemAppOptions<DB>,
): Express {
  const { service, items, item } = kind;
  // METRICS=off: nothing counted and no /metrics route (what `pnpm bench` compares the metrics' cost against).
  const metrics = config.metrics ? createServiceMetrics(service) : undefined;
  // DPoP proofs are remembered in the service's own database, which all its instances share.
  const protection = createProtection(config.auth, {
    service,
    proofReplay: storeReplayGuard(store.db),
    ...(metrics ? { observer: metrics.observer } : {}),
    ...options,
  });
  const book = kind.openBook(store.db);
  const route = `/api/${service}`;
  // Writes are a user's: a machine-to-machine client acts for nobody and owns nothing, so even with the
  // write permission it is refused (403), before its body is read.
  const usersOnly: RequestHandler = (req, _res, next) => {
    if (caller(req).kind === 'user') return next();
    const why = `A machine-to-machine client acts for no user, so it has no ${items} to add or delete`;
    next(new RequestError(403, 'access_denied', why));
  };
  // The database out of reach (a PostgreSQL server down, an SQLite file locked too long) is a 503, not a bug.
  const storeOutage: ErrorRequestHandler = (err, _req, _res, next) => {
    const why = `The ${service} database cannot be reached; try again shortly`;
    if (!isUnavailable(err)) return next(err);
    metrics?.storeError();
    next(RequestError.unavailable(why));
  };

  const app = express();
  app.disable('x-powered-by');
  // Answers depend on the caller's token and are not revalidated, so hashing every body for an ETag is waste.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  if (metrics) app.use(metrics.requests);
  app.use(protection.beforeRoutes);
  // Prometheus's text format, open like /health: for the operator's scraper, which nginx does not pass on.
  if (metrics) app.get('/metrics', metrics.route);
  // This service's part of the logical API's OpenAPI document, built once from the schemas the routes use.
  const document = apiDocument(config.auth.issuerBaseUrl, config.auth.audience, [kind]);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service });
  });
  // Readiness, for a load balancer or an orchestrator: the tenant's keys loaded and the store answering.
  app.get('/ready', protection.readiness(store));
  const reader = protection.requireScope(kind.permissions.read);
  const editor = protection.requireScope(kind.permissions.write);

  app.get(route, reader, async (req, res) => {
    const who = caller(req);
    const page = pageRequest(req.query);
    if (who.kind === 'client') {
      res.json({ owner: who.clientId, kind: who.kind, [items]: kind.shared(), next_cursor: null });
      return;
    }
    const { items: list, next } = await book.list(who.subject, page);
    res.json({ owner: who.subject, kind: who.kind, [items]: list, next_cursor: next ? encodeCursor(next) : null });
  });
  app.post(route, editor, usersOnly, jsonBody(), async (req, res) => {
    const input = validInput(kind.newItem, req.body);
    try {
      res.status(201).json(await book.add(caller(req).subject, input, config.maxItemsPerUser));
    } catch (err) {
      if (!(err instanceof ItemLimitError)) throw err;
      const why = `You have ${err.max} ${items}, the most one user may keep: delete some to add more`;
      throw new RequestError(409, 'too_many_items', why);
    }
  });
  app.delete(`${route}/:id`, editor, usersOnly, async (req, res) => {
    const { id } = validInput(kind.itemId, req.params);
    if (!(await book.remove(caller(req).subject, id))) throw RequestError.notFound(`You have no ${item} with this id`);
    res.status(204).end();
  });
  // Other methods are authenticated first, so a token sent any other way (say, in a form body) still
  // meets a 401, and only a valid caller learns which methods exist.
  app.all(route, reader, methodNotAllowed(['GET', 'HEAD', 'POST']));
  app.all(`${route}/:id`, reader, methodNotAllowed(['DELETE']));
  app.use(storeOutage);
  app.use(protection.afterRoutes);
  return app;
}
