import {
  type Caller,
  callerOf,
  createProtection,
  jsonBody,
  methodNotAllowed,
  type ProtectionOptions,
  RequestError,
  validInput,
} from '@organizer/auth';
import { isUnavailable, type Store } from '@organizer/store';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler } from 'express';
import type { ContactsConfig } from './config.ts';
import { ContactBook } from './contact-book.ts';
import { contactIdSchema, newContactSchema } from './contact-input.ts';
import type { ContactsDb } from './contacts-schema.ts';
import { type ContactsAnswer, SHARED_CONTACTS } from './demo-contacts.ts';

export const CONTACTS_SCOPE = 'read:contacts';
export const CONTACTS_WRITE_SCOPE = 'write:contacts';

export type { ContactsConfig } from './config.ts';
export { openContactsStore } from './contact-book.ts';
export type { ContactsDb } from './contacts-schema.ts';

export interface ContactsAppOptions extends ProtectionOptions {
  /** The service's own database, opened (and migrated) by the caller, which also closes it. */
  readonly store: Store<ContactsDb>;
}

/** requireScope guarantees req.auth; the check keeps the types honest without a cast. */
function caller(req: Request): Caller {
  if (req.auth === undefined) throw new Error('route reached without a verified token');
  return callerOf(req.auth);
}

/**
 * Writes are a user's: a machine-to-machine client acts for nobody and owns nothing, so even with the
 * write scope it is refused (403), before its body is read.
 */
const usersOnly: RequestHandler = (req, _res, next) => {
  if (caller(req).kind === 'user') return next();
  next(
    new RequestError(
      403,
      'access_denied',
      'A machine-to-machine client acts for no user, so it has no contacts to add or delete',
    ),
  );
};

/** The database out of reach (a PostgreSQL server down, an SQLite file locked too long) is a 503, not a bug. */
const storeOutage: ErrorRequestHandler = (err, _req, _res, next) => {
  next(
    isUnavailable(err) ? RequestError.unavailable('The contacts database cannot be reached; try again shortly') : err,
  );
};

/**
 * The contacts service: open GET /health (liveness) and GET /ready (readiness); GET /api/contacts
 * (read:contacts) lists the caller's contacts, POST /api/contacts and DELETE /api/contacts/:id
 * (write:contacts) change them. Every item belongs to the token's `sub`; another user's id answers 404. A
 * body is read only after the token and scope checks.
 */
export function createApp(config: ContactsConfig, { store, ...options }: ContactsAppOptions): Express {
  const protection = createProtection(config.auth, { service: 'contacts', ...options });
  const book = new ContactBook(store.db);
  const app = express();
  app.disable('x-powered-by');
  // Answers depend on the caller's token and are not revalidated, so hashing every body for an ETag is waste.
  app.set('etag', false);
  app.use(protection.front);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'contacts' });
  });
  // Readiness, for a load balancer or an orchestrator: the tenant's keys loaded and the store answering.
  app.get('/ready', protection.readiness(store));
  const reader = protection.requireScope(CONTACTS_SCOPE);
  const editor = protection.requireScope(CONTACTS_WRITE_SCOPE);

  app.get('/api/contacts', reader, async (req, res) => {
    const who = caller(req);
    const answer: ContactsAnswer =
      who.kind === 'client'
        ? { owner: who.clientId, kind: 'client', contacts: SHARED_CONTACTS }
        : { owner: who.subject, kind: 'user', contacts: await book.list(who.subject) };
    res.json(answer);
  });
  app.post('/api/contacts', editor, usersOnly, jsonBody(), async (req, res) => {
    const contact = await book.add(caller(req).subject, validInput(newContactSchema, req.body));
    res.status(201).json(contact);
  });
  app.delete('/api/contacts/:id', editor, usersOnly, async (req, res) => {
    const { id } = validInput(contactIdSchema, req.params);
    if (!(await book.remove(caller(req).subject, id))) throw RequestError.notFound('You have no contact with this id');
    res.status(204).end();
  });
  // Other methods are authenticated first, so a token sent any other way (say, in a form body) still
  // meets a 401, and only a valid caller learns which methods exist.
  app.all('/api/contacts', reader, methodNotAllowed(['GET', 'HEAD', 'POST']));
  app.all('/api/contacts/:id', reader, methodNotAllowed(['DELETE']));
  app.use(storeOutage);
  app.use(protection.back);
  return app;
}
