import { callerOf, createProtection, type ProtectionOptions } from '@organizer/auth';
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
  app.use(protection.front);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'contacts' });
  });
  app.get('/api/contacts', ...protection.requireScope(CONTACTS_SCOPE), (req, res) => {
    // requireScope guarantees req.auth; the check keeps the types honest without a cast.
    if (req.auth === undefined) throw new Error('route reached without a verified token');
    res.json(contactsFor(callerOf(req.auth)));
  });
  app.use(protection.back);
  return app;
}
