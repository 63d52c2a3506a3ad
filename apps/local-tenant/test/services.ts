import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp as createCalendar } from '@organizer/calendar';
import { loadConfig as loadCalendarConfig } from '@organizer/calendar/config';
import { createApp as createContacts } from '@organizer/contacts';
import { loadConfig as loadContactsConfig } from '@organizer/contacts/config';

export interface RunningServices {
  contacts: string;
  calendar: string;
  close(): Promise<void>;
}

function listen(app: { listen(port: number, host: string, done: () => void): Server }): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, 'localhost', () => {
      resolve({ server, url: `http://localhost:${(server.address() as AddressInfo).port}` });
    });
  });
}

/** The real contacts and calendar services (express-oauth2-jwt-bearer), trusting the given issuer. */
export async function startServices(issuer: string, audience = 'organize'): Promise<RunningServices> {
  const env = { ISSUER_BASE_URL: issuer, AUDIENCE: audience };
  const contacts = await listen(createContacts(loadContactsConfig(env)));
  const calendar = await listen(createCalendar(loadCalendarConfig(env)));
  return {
    contacts: `${contacts.url}/api/contacts`,
    calendar: `${calendar.url}/api/calendar`,
    async close() {
      for (const { server } of [contacts, calendar]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

export function callApi(url: string, token: string): Promise<Response> {
  return fetch(url, { headers: { authorization: `Bearer ${token}` } });
}
