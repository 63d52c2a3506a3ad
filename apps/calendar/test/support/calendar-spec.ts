import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '@organizer/store';
import type { ItemServiceSpec } from '@organizer/testing';
import { expect } from 'vitest';
import { type CalendarConfig, type CalendarDb, createApp, openCalendarStore } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { demoAppointments } from '../../src/demo-appointments.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DEMO_TITLES = demoAppointments().map((a) => a.title);

/** An appointment `hours` from now, `minutes` long, as the SPA sends it. */
export function slot(title: string, hours: number, minutes = 60): { title: string; start: string; end: string } {
  const start = Date.now() + hours * 3_600_000;
  return { title, start: new Date(start).toISOString(), end: new Date(start + minutes * 60_000).toISOString() };
}

/** The calendar service as the workspace's shared suites (@organizer/testing) test it. */
export const CALENDAR_SPEC: ItemServiceSpec<CalendarConfig, Store<CalendarDb>> = {
  service: 'calendar',
  items: 'appointments',
  item: 'appointment',
  migrations: ['001_appointments', '002_item_counts', '003_dpop_proofs'],
  appDir: fileURLToPath(new URL('../..', import.meta.url)),
  read: 'read:calendar',
  write: 'write:calendar',
  otherPermissions: ['read:contacts', 'write:contacts'],
  demoCount: DEMO_TITLES.length,
  sharedIds: ['org-10', 'org-11'],
  checkSeeded: (appointments) => {
    expect(appointments.map((a) => a.title)).toEqual(DEMO_TITLES);
    for (const item of appointments) {
      expect(item).toEqual({
        id: expect.stringMatching(UUID),
        title: expect.any(String),
        start: expect.any(String),
        end: expect.any(String),
      });
      expect(Date.parse(String(item.end))).toBeGreaterThan(Date.parse(String(item.start)));
    }
  },
  // In 2030, an hour apart, in UTC with milliseconds: as the service answers them.
  sample: (n) => {
    const start = Date.UTC(2030, 0, 7, 9) + n * 3_600_000;
    const appointment = {
      title: `Meeting ${n}`,
      start: new Date(start).toISOString(),
      end: new Date(start + 15 * 60_000).toISOString(),
    };
    return { body: appointment, answer: appointment };
  },
  loadConfig,
  openStore: openCalendarStore,
  openEmptyStore: (dataDir) => openStore({ name: 'calendar', dataDir, migrations: {} }),
  createApp,
};
