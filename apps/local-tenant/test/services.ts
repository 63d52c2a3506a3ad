import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp as createCalendar, openCalendarStore } from '@organizer/calendar';
import { loadConfig as loadCalendarConfig } from '@organizer/calendar/config';
import { createApp as createContacts, openContactsStore } from '@organizer/contacts';
import { loadConfig as loadContactsConfig } from '@organizer/contacts/config';

export interface RunningServices {
  contacts: string;
  calendar: string;
  close(): Promise<void>;
}

function listen(app: {
  listen(port: number, host: string, done: () => void): Server;
}): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, 'localhost', () => {
      resolve({ server, url: `http://localhost:${(server.address() as AddressInfo).port}` });
    });
  });
}

/** The real contacts and calendar services (express-oauth2-jwt-bearer), trusting the given issuer. */
export async function startServices(issuer: string, audience = 'organize'): Promise<RunningServices> {
  // Each service keeps its data in a temporary folder of its own, removed on close.
  const dataDir = await mkdtemp(join(tmpdir(), 'tenant-services-data-'));
  const env = { ISSUER_BASE_URL: issuer, AUDIENCE: audience, DATA_DIR: dataDir };
  const contactsConfig = loadContactsConfig(env);
  const calendarConfig = loadCalendarConfig(env);
  const stores = [await openContactsStore(contactsConfig.data), await openCalendarStore(calendarConfig.data)] as const;
  const contacts = await listen(createContacts(contactsConfig, { store: stores[0] }));
  const calendar = await listen(createCalendar(calendarConfig, { store: stores[1] }));
  return {
    contacts: `${contacts.url}/api/contacts`,
    calendar: `${calendar.url}/api/calendar`,
    async close() {
      for (const { server } of [contacts, calendar]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      for (const store of stores) await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function callApi(url: string, token: string): Promise<Response> {
  return fetch(url, { headers: { authorization: `Bearer ${token}` } });
}
