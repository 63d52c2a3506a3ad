import { callerOf, createProtection, type ProtectionOptions } from '@organizer/auth';
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
  app.use(protection.front);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'calendar' });
  });
  app.get('/api/calendar', ...protection.requireScope(CALENDAR_SCOPE), (req, res) => {
    // requireScope guarantees req.auth; the check keeps the types honest without a cast.
    if (req.auth === undefined) throw new Error('route reached without a verified token');
    res.json(appointmentsFor(callerOf(req.auth)));
  });
  app.use(protection.back);
  return app;
}
