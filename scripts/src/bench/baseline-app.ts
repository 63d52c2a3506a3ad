/**
 * The baseline `pnpm bench` compares the contacts service with, and `pnpm bench:baseline` serves on its own:
 * express-oauth2-jwt-bearer alone on Express, with the library's defaults, the contacts service's routes,
 * route bodies and store, and the same front as the service (log line, helmet, CORS). Nothing of
 * packages/auth's protection runs here: not its cache, its claim checks, its error handler or its warm-up.
 */

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callerOf, createProtection } from '@organizer/auth';
import {
  encodeCursor,
  type ItemAppOptions,
  loadServiceConfig,
  PAGE_SIZE,
  pageRequest,
  type ServiceConfig,
  serviceEnv,
  validInput,
} from '@organizer/service';
import express, { type Express } from 'express';
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer';
import type { ContactsDb } from '../../../apps/contacts/src/app.ts';
import { ContactBook } from '../../../apps/contacts/src/contact-book.ts';
import { contactIdSchema, newContactSchema } from '../../../apps/contacts/src/contact-input.ts';
import { SHARED_CONTACTS } from '../../../apps/contacts/src/demo-contacts.ts';

const FIRST_PAGE = { limit: PAGE_SIZE.default, after: undefined };

export interface BaselineConfig extends ServiceConfig {
  /**
   * BENCH_READER: the `sub` whose list the unprotected routes /bench/open-read and /bench/front-read answer
   * (what `pnpm bench` subtracts to tell the token check from the query); unset, they are not served.
   */
  readonly benchReader: string | undefined;
}

/** The contacts service's settings (PORT 3001; DATA_DIR by default in the system's temporary folder) and BENCH_READER. */
export function loadBaselineConfig(env = serviceEnv()): BaselineConfig {
  const dataDir = join(tmpdir(), 'organizer-bench-baseline');
  return { ...loadServiceConfig({ port: 3001, dataDir }, env), benchReader: env.BENCH_READER?.trim() || undefined };
}

export function createBaselineApp(config: BaselineConfig, { store }: ItemAppOptions<ContactsDb>): Express {
  const book = new ContactBook(store.db);
  const app = express();
  // As the service does, so that the two differ only in how a request is authenticated.
  app.disable('x-powered-by');
  app.set('etag', false);
  const reader = config.benchReader;
  // The reader's list without any token check and without anything in front: what the route costs by
  // itself, so that what the front costs can be told apart from the query.
  const openRead: express.RequestHandler = async (_req, res) => {
    res.json({ owner: reader, kind: 'user', contacts: (await book.list(reader ?? '', FIRST_PAGE)).items });
  };
  if (reader !== undefined) app.get('/bench/open-read', openRead);
  // Every other route passes what every route of the service passes first (its request log line, helmet's
  // headers, CORS), from the service's own package, so that the two differ only in the token check.
  app.use(createProtection(config.auth, { service: 'baseline' }).beforeRoutes);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'baseline' });
  });
  // The same read behind the front and no token check: what the service's route would cost unprotected.
  if (reader !== undefined) app.get('/bench/front-read', openRead);

  // One instance for every route, as a service would: one key cache.
  const verify = auth({ issuerBaseURL: config.auth.issuerBaseUrl, audience: config.auth.audience });
  const subject = (req: express.Request) => {
    if (req.auth === undefined) throw new Error('route reached without a verified token');
    return callerOf(req.auth);
  };
  app.get('/api/contacts', verify, requiredScopes('read:contacts'), async (req, res) => {
    const who = subject(req);
    const page = pageRequest(req.query);
    if (who.kind === 'client') {
      res.json({ owner: who.clientId, kind: 'client', contacts: SHARED_CONTACTS, next_cursor: null });
      return;
    }
    const { items, next } = await book.list(who.subject, page);
    res.json({ owner: who.subject, kind: 'user', contacts: items, next_cursor: next ? encodeCursor(next) : null });
  });
  // Writes as the library's users would write them: its JSON parser with the service's limit, the same
  // schema, insert and delete, and only the library's own scope check in front.
  app.post(
    '/api/contacts',
    verify,
    requiredScopes('write:contacts'),
    express.json({ limit: '16kb' }),
    async (req, res) => {
      const input = validInput(newContactSchema, req.body);
      res.status(201).json(await book.add(subject(req).subject, input, config.maxItemsPerUser));
    },
  );
  app.delete('/api/contacts/:id', verify, requiredScopes('write:contacts'), async (req, res) => {
    const { id } = validInput(contactIdSchema, req.params);
    res.status((await book.remove(subject(req).subject, id)) ? 204 : 404).end();
  });
  return app;
}
