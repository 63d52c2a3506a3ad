import { createItemApp, type ItemAppOptions, type ItemKind } from '@organizer/service';
import type { Express } from 'express';
import { AppointmentBook } from './appointment-book.ts';
import { appointmentIdSchema, newAppointmentSchema } from './appointment-input.ts';
import type { CalendarDb } from './calendar-schema.ts';
import type { CalendarConfig } from './config.ts';
import { type Appointment, type NewAppointment, sharedAppointments } from './demo-appointments.ts';

export const READ_CALENDAR = 'read:calendar';
export const WRITE_CALENDAR = 'write:calendar';

export { openCalendarStore } from './appointment-book.ts';
export type { CalendarDb } from './calendar-schema.ts';
export type { CalendarConfig } from './config.ts';

export type CalendarAppOptions = ItemAppOptions<CalendarDb>;

/** The appointments a user keeps: what the shared item routes need to know about them. */
export const APPOINTMENTS: ItemKind<CalendarDb, Appointment, NewAppointment> = {
  service: 'calendar',
  items: 'appointments',
  item: 'appointment',
  permissions: { read: READ_CALENDAR, write: WRITE_CALENDAR },
  newItem: newAppointmentSchema,
  itemId: appointmentIdSchema,
  openBook: (db) => new AppointmentBook(db),
  shared: () => sharedAppointments(),
};

/**
 * The calendar service: GET /api/calendar (read:calendar) lists the caller's appointments, POST
 * /api/calendar and DELETE /api/calendar/:id (write:calendar) change them; open GET /health and GET /ready.
 */
export function createApp(config: CalendarConfig, options: CalendarAppOptions): Express {
  return createItemApp(APPOINTMENTS, config, options);
}
