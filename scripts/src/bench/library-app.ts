/**
 * The baseline `pnpm bench` compares the contacts service with: express-oauth2-jwt-bearer alone on
 * Express, with the library's defaults, the contacts route's body, and the same front as the service (log
 * line, helmet, CORS). Nothing of packages/auth's protection runs here. Started as
 * `node library-app.ts --port P --issuer URL --audience A --reader SUB`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { callerOf, createProtection, parseAuthConfig } from '@organizer/auth';
import express from 'express';
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer';
import { openContactsStore } from '../../../apps/contacts/src/app.ts';
import { ContactBook } from '../../../apps/contacts/src/contact-book.ts';
import { newContactSchema } from '../../../apps/contacts/src/contact-input.ts';
import { SHARED_CONTACTS } from '../../../apps/contacts/src/demo-contacts.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    issuer: { type: 'string' },
    audience: { type: 'string' },
    reader: { type: 'string' },
  },
});
if (!values.port || !values.issuer || !values.audience || !values.reader)
  throw new Error('usage: library-app.ts --port P --issuer URL --audience A --reader SUB');
const reader = values.reader;

// The same store and query as the contacts service, in a folder of its own, so that only the
// authentication differs between the two.
const dataDir = mkdtempSync(join(tmpdir(), 'organizer-bench-library-'));
const store = await openContactsStore({ dataDir, databaseUrl: undefined });
const book = new ContactBook(store.db);

const app = express();
// As apps/contacts does, so that the two differ only in how a request is authenticated.
app.disable('x-powered-by');
app.set('etag', false);
// The reader's list without any token check and without anything in front: what the route costs by
// itself, so that what the front costs can be told apart from the query.
const openRead: express.RequestHandler = async (_req, res) => {
  res.json({ owner: reader, kind: 'user', contacts: await book.list(reader) });
};
app.get('/bench/open-read', openRead);
// Every other route passes what every route of the service passes first (its request log line, helmet's
// headers, CORS), from the service's own package, so that the two differ only in the token check.
// Nothing of the protection itself is mounted; the log lines go to stdout, as the service's do.
const { beforeRoutes } = createProtection(
  parseAuthConfig({ ISSUER_BASE_URL: values.issuer, AUDIENCE: values.audience }),
  {
    service: 'contacts',
  },
);
app.use(beforeRoutes);
app.get('/health', (_req, res) => {
  res.json({ status: 'ok', service: 'contacts' });
});
// The same read behind the front and no token check: what the service's route would cost unprotected.
app.get('/bench/front-read', openRead);
// One instance for both routes, as a service would: one key cache.
const verify = auth({ issuerBaseURL: values.issuer, audience: values.audience });
app.get('/api/contacts', verify, requiredScopes('read:contacts'), async (req, res) => {
  if (req.auth === undefined) throw new Error('route reached without a verified token');
  const who = callerOf(req.auth);
  res.json(
    who.kind === 'client'
      ? { owner: who.clientId, kind: 'client', contacts: SHARED_CONTACTS }
      : { owner: who.subject, kind: 'user', contacts: await book.list(who.subject) },
  );
});

// A write as the library's users would write it: its JSON parser with the service's limit, the same
// schema and insert, and only its own scope check in front.
app.post(
  '/api/contacts',
  verify,
  requiredScopes('write:contacts'),
  express.json({ limit: '16kb' }),
  async (req, res) => {
    if (req.auth === undefined) throw new Error('route reached without a verified token');
    const input = newContactSchema.parse(req.body);
    res.status(201).json(await book.add(callerOf(req.auth).subject, input));
  },
);

const server = app.listen(Number(values.port), '127.0.0.1');
// A normal exit on SIGTERM, so that `node --cpu-prof` writes its profile.
process.once('SIGTERM', () => {
  server.close(() => {
    void store.close().then(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
  server.closeAllConnections();
});
