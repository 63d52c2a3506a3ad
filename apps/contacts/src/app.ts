import { callerOf, createProtection, methodNotAllowed, type ProtectionOptions } from '@organizer/auth';
import express, { type Express } from 'express';
import type { ContactsConfig } from './config.ts';
import { contactsFor } from './demo-contacts.ts';

export const CONTACTS_SCOPE = 'read:contacts';

export type { ContactsConfig } from './config.ts';

/** The contacts service: open GET /health, GET /api/contacts for tokens with read:contacts. */
export function createApp(config: ContactsConfig, options: ProtectionOptions = {}): Express {
  const protection = createProtection(config.auth, { service: 'contacts', ...options });
  const app = express();
  app.disable('x-powered-by');
  // Answers depend on the caller's token and are not revalidated, so hashing every body for an ETag is waste.
  app.set('etag', false);
  app.use(protection.front);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'contacts' });
  });
  const guard = protection.requireScope(CONTACTS_SCOPE);
  app.get('/api/contacts', guard, (req, res) => {
    // requireScope guarantees req.auth; the check keeps the types honest without a cast.
    if (req.auth === undefined) throw new Error('route reached without a verified token');
    res.json(contactsFor(callerOf(req.auth)));
  });
  // Other methods are authenticated first, so a token sent any other way (say, in a POST body) still
  // meets a 401, and only a valid caller learns which methods exist.
  app.all('/api/contacts', guard, methodNotAllowed(['GET', 'HEAD']));
  app.use(protection.back);
  return app;
}
