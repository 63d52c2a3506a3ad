// Simulated users for the load-and-fault test: each one, in a loop until the deadline, creates an item in
// one service, lists that service, and deletes its oldest item there, remembering what every answer said.
import type { ServiceName } from './nginx-deployment.ts';

const SAMPLES: Record<ServiceName, (n: number) => Record<string, string>> = {
  contacts: (n) => ({ name: `Load ${n}`, email: `load${n}@example.com` }),
  calendar: (n) => {
    const start = Date.UTC(2031, 0, 1) + n * 60_000;
    return { title: `Load ${n}`, start: new Date(start).toISOString(), end: new Date(start + 30_000).toISOString() };
  },
};

/** What one user was told, per service: creates answered 201, deletes answered 204 (or 404), and deletes with no clear answer. */
export interface UserRecord {
  readonly token: string;
  readonly created: Record<ServiceName, Set<string>>;
  readonly deleted: Record<ServiceName, Set<string>>;
  /** Deletes answered anything but 204 or 404: the item may or may not be there. */
  readonly unsure: Record<ServiceName, Set<string>>;
}

export interface Answer {
  readonly status: number;
  readonly ms: number;
  /** Set for a 503: whether it carried Retry-After and the error contract's body. */
  readonly retryable?: boolean;
  /** For an answer other than 2xx or 503: the request and the body, to say what went wrong. */
  readonly detail?: string;
}

const perService = <T>(make: () => T): Record<ServiceName, T> => ({ contacts: make(), calendar: make() });

/** Runs one user until `deadline` (ms, performance.now()), adding each answer to `answers`. */
export async function runUser(base: string, token: string, deadline: number, answers: Answer[]): Promise<UserRecord> {
  const record: UserRecord = {
    token,
    created: perService(() => new Set()),
    deleted: perService(() => new Set()),
    unsure: perService(() => new Set()),
  };
  const owned = perService((): string[] => []);
  const call = async (url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> => {
    const started = performance.now();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    let response: Response;
    try {
      response = await fetch(url, { ...init, headers });
    } catch {
      answers.push({ status: 0, ms: performance.now() - started });
      return { status: 0, body: undefined };
    }
    const text = await response.text();
    const ms = performance.now() - started;
    const body = text === '' ? undefined : (JSON.parse(text) as unknown);
    const retryable =
      response.status === 503
        ? response.headers.get('retry-after') !== null &&
          (body as { error?: string } | undefined)?.error === 'temporarily_unavailable'
        : undefined;
    const odd = response.status >= 300 && response.status !== 503;
    const detail = odd
      ? `${init.method ?? 'GET'} ${url} at ${Math.round(started)} ms: ${text.slice(0, 200)}`
      : undefined;
    answers.push({
      status: response.status,
      ms,
      ...(retryable === undefined ? {} : { retryable }),
      ...(detail === undefined ? {} : { detail }),
    });
    return { status: response.status, body };
  };
  for (let n = 0; performance.now() < deadline; n++) {
    const service: ServiceName = n % 2 === 0 ? 'contacts' : 'calendar';
    const route = `${base}/api/${service}`;
    const created = await call(route, { method: 'POST', body: JSON.stringify(SAMPLES[service](n)) });
    if (created.status === 201) {
      const { id } = created.body as { id: string };
      record.created[service].add(id);
      owned[service].push(id);
    }
    await call(`${route}?limit=100`);
    // Keeps a few of its own items and deletes the oldest, so the list stays short and deletes are checked.
    if (owned[service].length > 3) {
      const id = owned[service].shift()!;
      const gone = await call(`${route}/${id}`, { method: 'DELETE' });
      // A 404 for an item this user was answered 201 for: a first attempt deleted it and its answer was
      // lost with the instance, and nginx sent the DELETE (idempotent) again to the other one. Gone either way.
      if (gone.status === 204 || gone.status === 404) record.deleted[service].add(id);
      else record.unsure[service].add(id);
    }
  }
  return record;
}

/** Every id a user's list holds in a service, following next_cursor. */
export async function listAll(base: string, service: ServiceName, token: string): Promise<Set<string>> {
  const ids = new Set<string>();
  const key = service === 'contacts' ? 'contacts' : 'appointments';
  let query = '?limit=100';
  for (;;) {
    const response = await fetch(`${base}/api/${service}${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200)
      throw new Error(`listing ${service} answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as Record<string, unknown> & { next_cursor: string | null };
    for (const item of page[key] as { id: string }[]) ids.add(item.id);
    if (page.next_cursor === null) return ids;
    query = `?limit=100&cursor=${page.next_cursor}`;
  }
}
