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
import { AppointmentBook } from './appointment-book.ts';
import { appointmentIdSchema, newAppointmentSchema } from './appointment-input.ts';
import type { CalendarDb } from './calendar-schema.ts';
import type { CalendarConfig } from './config.ts';
import { type CalendarAnswer, sharedAppointments } from './demo-appointments.ts';

export const CALENDAR_SCOPE = 'read:calendar';
export const CALENDAR_WRITE_SCOPE = 'write:calendar';

export { openCalendarStore } from './appointment-book.ts';
export type { CalendarDb } from './calendar-schema.ts';
export type { CalendarConfig } from './config.ts';

export interface CalendarAppOptions extends ProtectionOptions {
  /** The service's own database, opened (and migrated) by the caller, which also closes it. */
  readonly store: Store<CalendarDb>;
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
      'A machine-to-machine client acts for no user, so it has no appointments to add or delete',
    ),
  );
};

/** The database out of reach (a PostgreSQL server down, an SQLite file locked too long) is a 503, not a bug. */
const storeOutage: ErrorRequestHandler = (err, _req, _res, next) => {
  next(
    isUnavailable(err) ? RequestError.unavailable('The calendar database cannot be reached; try again shortly') : err,
  );
};

/**
 * The calendar service: open GET /health (liveness) and GET /ready (readiness); GET /api/calendar
 * (read:calendar) lists the caller's appointments, POST /api/calendar and DELETE /api/calendar/:id
 * (write:calendar) change them. Every item belongs to the token's `sub`; another user's id answers 404. A
 * body is read only after the token and scope checks.
 */
export function createApp(config: CalendarConfig, { store, ...options }: CalendarAppOptions): Express {
  const protection = createProtection(config.auth, { service: 'calendar', ...options });
  const book = new AppointmentBook(store.db);
  const app = express();
  app.disable('x-powered-by');
  // Answers depend on the caller's token and are not revalidated, so hashing every body for an ETag is waste.
  app.set('etag', false);
  app.use(protection.front);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'calendar' });
  });
  // Readiness, for a load balancer or an orchestrator: the tenant's keys loaded and the store answering.
  app.get('/ready', protection.readiness(store));
  const reader = protection.requireScope(CALENDAR_SCOPE);
  const editor = protection.requireScope(CALENDAR_WRITE_SCOPE);

  app.get('/api/calendar', reader, async (req, res) => {
    const who = caller(req);
    const answer: CalendarAnswer =
      who.kind === 'client'
        ? { owner: who.clientId, kind: 'client', appointments: sharedAppointments() }
        : { owner: who.subject, kind: 'user', appointments: await book.list(who.subject) };
    res.json(answer);
  });
  app.post('/api/calendar', editor, usersOnly, jsonBody(), async (req, res) => {
    const appointment = await book.add(caller(req).subject, validInput(newAppointmentSchema, req.body));
    res.status(201).json(appointment);
  });
  app.delete('/api/calendar/:id', editor, usersOnly, async (req, res) => {
    const { id } = validInput(appointmentIdSchema, req.params);
    if (!(await book.remove(caller(req).subject, id)))
      throw RequestError.notFound('You have no appointment with this id');
    res.status(204).end();
  });
  // Other methods are authenticated first, so a token sent any other way (say, in a form body) still
  // meets a 401, and only a valid caller learns which methods exist.
  app.all('/api/calendar', reader, methodNotAllowed(['GET', 'HEAD', 'POST']));
  app.all('/api/calendar/:id', reader, methodNotAllowed(['DELETE']));
  app.use(storeOutage);
  app.use(protection.back);
  return app;
}
