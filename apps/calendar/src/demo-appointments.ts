export interface Appointment {
  readonly id: string;
  readonly title: string;
  /** ISO 8601, UTC. */
  readonly start: string;
  readonly end: string;
}

export type NewAppointment = Omit<Appointment, 'id'>;

interface Slot {
  readonly title: string;
  /** Days from today (UTC). */
  readonly day: number;
  /** UTC hour and minutes the appointment starts. */
  readonly at: readonly [number, number];
  readonly minutes: number;
}

/** What a user's calendar starts with: seeded once, on their first read, then theirs to change. */
const DEMO: readonly Slot[] = [
  { title: 'Coffee with Grace', day: 0, at: [9, 30], minutes: 30 },
  { title: 'Dentist', day: 1, at: [14, 0], minutes: 45 },
  { title: 'Project review with Alan', day: 2, at: [10, 0], minutes: 60 },
  { title: 'Yoga class', day: 4, at: [18, 0], minutes: 60 },
];

/** The organisation's shared events, what a machine-to-machine client reads; owned by no user. */
const SHARED: readonly (Slot & { readonly id: string })[] = [
  { id: 'org-10', title: 'All-hands meeting', day: 1, at: [16, 0], minutes: 60 },
  { id: 'org-11', title: 'Office closed for maintenance', day: 6, at: [8, 0], minutes: 600 },
];

/** Dates move with the calendar, so the demo always shows the coming week. */
function place(slot: Slot, today: Date): NewAppointment {
  const start = Date.UTC(
    today.getUTCFullYear(),
    today.getUTCMonth(),
    today.getUTCDate() + slot.day,
    slot.at[0],
    slot.at[1],
  );
  return {
    title: slot.title,
    start: new Date(start).toISOString(),
    end: new Date(start + slot.minutes * 60_000).toISOString(),
  };
}

/** A new user's demo week, from `today` on. */
export function demoAppointments(today: Date = new Date()): NewAppointment[] {
  return DEMO.map((slot) => place(slot, today));
}

/** The organisation's events of the coming week. */
export function sharedAppointments(today: Date = new Date()): Appointment[] {
  return SHARED.map((slot) => ({ id: slot.id, ...place(slot, today) })).sort((a, b) => a.start.localeCompare(b.start));
}
