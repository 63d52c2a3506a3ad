import { callerOf, createProtection, methodNotAllowed, type ProtectionOptions } from '@organizer/auth';
import express, { type Express } from 'express';
import type { CalendarConfig } from './config.ts';
import { appointmentsFor } from './demo-appointments.ts';

export const CALENDAR_SCOPE = 'read:calendar';

export type { CalendarConfig } from './config.ts';

/** The calendar service: open GET /health, GET /api/calendar for tokens with read:calendar. */
export function createApp(config: CalendarConfig, options: ProtectionOptions = {}): Express {
  const protection = createProtection(config.auth, { service: 'calendar', ...options });
  const app = express();
  app.disable('x-powered-by');
  // Answers depend on the caller's token and are not revalidated, so hashing every body for an ETag is waste.
  app.set('etag', false);
  app.use(protection.front);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'calendar' });
  });
  const guard = protection.requireScope(CALENDAR_SCOPE);
  app.get('/api/calendar', guard, (req, res) => {
    // requireScope guarantees req.auth; the check keeps the types honest without a cast.
    if (req.auth === undefined) throw new Error('route reached without a verified token');
    res.json(appointmentsFor(callerOf(req.auth)));
  });
  // Other methods are authenticated first, so a token sent any other way (say, in a POST body) still
  // meets a 401, and only a valid caller learns which methods exist.
  app.all('/api/calendar', guard, methodNotAllowed(['GET', 'HEAD']));
  app.use(protection.back);
  return app;
}
