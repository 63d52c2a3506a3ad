import type { Caller } from '@organizer/auth';

export interface Appointment {
  readonly id: string;
  readonly title: string;
  /** ISO 8601, UTC. */
  readonly start: string;
  readonly end: string;
}

interface Slot {
  readonly id: string;
  readonly title: string;
  /** Days from today (UTC). */
  readonly day: number;
  /** UTC hour and minutes the appointment starts. */
  readonly at: readonly [number, number];
  readonly minutes: number;
}

const PERSONAL: readonly Slot[] = [
  { id: 'a-201', title: 'Coffee with Grace', day: 0, at: [9, 30], minutes: 30 },
  { id: 'a-202', title: 'Dentist', day: 1, at: [14, 0], minutes: 45 },
  { id: 'a-203', title: 'Project review with Alan', day: 2, at: [10, 0], minutes: 60 },
  { id: 'a-204', title: 'Yoga class', day: 4, at: [18, 0], minutes: 60 },
];

const SHARED: readonly Slot[] = [
  { id: 'org-10', title: 'All-hands meeting', day: 1, at: [16, 0], minutes: 60 },
  { id: 'org-11', title: 'Office closed for maintenance', day: 6, at: [8, 0], minutes: 600 },
];

/** Dates move with the calendar, so the demo always shows the coming week. */
function place(slot: Slot, today: Date): Appointment {
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + slot.day, slot.at[0], slot.at[1]);
  return {
    id: slot.id,
    title: slot.title,
    start: new Date(start).toISOString(),
    end: new Date(start + slot.minutes * 60_000).toISOString(),
  };
}

export interface CalendarAnswer {
  readonly owner: string;
  readonly kind: Caller['kind'];
  readonly appointments: readonly Appointment[];
}

/** A user's own week plus the organisation's events; a machine client gets the organisation's only. */
export function appointmentsFor(caller: Caller, today: Date = new Date()): CalendarAnswer {
  const slots = caller.kind === 'client' ? SHARED : [...PERSONAL, ...SHARED];
  const appointments = slots.map((slot) => place(slot, today)).sort((a, b) => a.start.localeCompare(b.start));
  return { owner: caller.kind === 'client' ? caller.clientId : caller.subject, kind: caller.kind, appointments };
}
