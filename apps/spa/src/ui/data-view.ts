import type { ApiRequest, ApiResult } from '../api.ts';
import { byId, h } from './dom.ts';

type ApiName = ApiRequest['api'];

/** An item as the services answer it: a contact `{ id, name, email, phone? }` or an appointment `{ id, title, start, end }`. */
type Item = Readonly<Record<string, unknown>> & { readonly id: string };

interface Kind {
  /** The answer's list: `contacts` or `appointments`. */
  readonly listKey: string;
  /** What a person calls one, in messages: "contact". */
  readonly noun: string;
  readonly callButton: string;
  /** The item's name in messages and on its Delete button. */
  label(item: Item): string;
  details(item: Item): (Node | string)[];
  /** The form's fields as the service takes them. */
  body(form: HTMLFormElement): Record<string, string>;
  /** Where a new item goes in the list. */
  compare(a: Item, b: Item): number;
}

const text = (item: Item, key: string) => (typeof item[key] === 'string' ? item[key] : '');
const field = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';

const when = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const until = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function timeRange(item: Item): (Node | string)[] {
  const [start, end] = [new Date(text(item, 'start')), new Date(text(item, 'end'))];
  const sameDay = start.toDateString() === end.toDateString();
  return [
    h('time', { datetime: text(item, 'start') }, when.format(start)),
    ' – ',
    h('time', { datetime: text(item, 'end') }, sameDay ? until.format(end) : when.format(end)),
  ];
}

const KINDS: Record<ApiName, Kind> = {
  contacts: {
    listKey: 'contacts',
    noun: 'contact',
    callButton: 'Call Contacts API',
    label: (item) => text(item, 'name'),
    details: (item) => [text(item, 'email'), text(item, 'phone') && ` · ${text(item, 'phone')}`],
    body(form) {
      const phone = field(form, 'phone');
      return { name: field(form, 'name'), email: field(form, 'email'), ...(phone === '' ? {} : { phone }) };
    },
    compare: () => 0, // in the order they were added: a new one goes last
  },
  calendar: {
    listKey: 'appointments',
    noun: 'appointment',
    callButton: 'Call Calendar API',
    label: (item) => text(item, 'title'),
    details: timeRange,
    // datetime-local holds the reader's local time; the service wants an instant, so it gets UTC.
    body: (form) => ({
      title: field(form, 'title'),
      start: isoOf(field(form, 'start')),
      end: isoOf(field(form, 'end')),
    }),
    compare: (a, b) => text(a, 'start').localeCompare(text(b, 'start')),
  },
};

function isoOf(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

function itemsOf(body: unknown, key: string): Item[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const list = (body as Record<string, unknown>)[key];
  if (!Array.isArray(list)) return undefined;
  return list.filter(
    (entry): entry is Item => typeof entry === 'object' && entry !== null && typeof (entry as Item).id === 'string',
  );
}

/** Why a write failed, in a sentence: the page's 403 hint (role lacks it / did not ask), else the service's words. */
function failure(result: ApiResult): string {
  if (result.status === null) return result.errorDescription ?? 'The service could not be reached.';
  const why = result.hint ?? result.errorDescription ?? result.error ?? 'the service refused it';
  if (result.requiredScopes?.length)
    return `HTTP ${result.status}: this needs the permission ${result.requiredScopes.join(' ')}. ${why}`;
  return `HTTP ${result.status}: ${why}${result.sentToken ? '' : ' (you are not signed in)'}`;
}

function nextOf(body: unknown): string | undefined {
  const next = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).next_cursor : undefined;
  return typeof next === 'string' ? next : undefined;
}

/** What the view asks the page to send: a write, or the next page of a list. */
export type RequestSender = (api: ApiName, request: ApiRequest) => void;

/**
 * The services' data as a person reads it: each API's items as a list with a Delete button per item,
 * a "Show more" button while the service has another page, and a form to add one. It changes only on
 * what the services answered (a list or its next page from GET, the created item from a 201, the removal
 * on a 204); the raw answer stays in the result panel for learners.
 */
export function createDataView(send: RequestSender) {
  const items: Record<ApiName, Item[] | undefined> = { contacts: undefined, calendar: undefined };
  const next: Record<ApiName, string | undefined> = { contacts: undefined, calendar: undefined };
  const parts = (api: ApiName) => ({
    list: byId<HTMLUListElement>(`${api}-list`),
    empty: byId(`${api}-empty`),
    more: byId<HTMLButtonElement>(`${api}-more`),
    form: byId<HTMLFormElement>(`${api}-form`),
    status: byId(`${api}-status`),
  });

  function say(api: ApiName, kind: 'ok' | 'error' | 'busy', message: string): void {
    const { status } = parts(api);
    status.className = `form-status ${kind}`;
    status.textContent = message;
  }

  function render(api: ApiName, focusIndex?: number): void {
    const kind = KINDS[api];
    const { list, empty } = parts(api);
    const shown = items[api];
    list.replaceChildren(
      ...(shown ?? []).map((item) =>
        h(
          'li',
          { 'data-id': item.id },
          h(
            'span',
            { className: 'item-text' },
            h('strong', {}, kind.label(item)),
            h('span', { className: 'meta' }, ...kind.details(item)),
          ),
          h(
            'button',
            { type: 'button', className: 'delete', 'aria-label': `Delete ${kind.label(item)}`, 'data-id': item.id },
            'Delete',
          ),
        ),
      ),
    );
    empty.textContent =
      shown === undefined
        ? `Click “${kind.callButton}” to load your ${kind.listKey}.`
        : shown.length === 0
          ? `You have no ${kind.listKey}.`
          : '';
    empty.hidden = empty.textContent === '';
    const { more } = parts(api);
    more.hidden = shown === undefined || next[api] === undefined;
    more.disabled = false;
    // After a delete, keyboard focus stays in the list (on the next item's button) instead of falling to the page.
    if (focusIndex !== undefined) {
      const buttons = list.querySelectorAll<HTMLButtonElement>('button.delete');
      (buttons[Math.min(focusIndex, buttons.length - 1)] ?? parts(api).form.querySelector('input'))?.focus();
    }
  }

  for (const api of ['contacts', 'calendar'] as const) {
    const { list, form } = parts(api);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      say(api, 'busy', `Adding the ${KINDS[api].noun}…`);
      send(api, { api, method: 'POST', body: KINDS[api].body(form) });
    });
    parts(api).more.addEventListener('click', () => {
      const cursor = next[api];
      if (cursor === undefined) return;
      parts(api).more.disabled = true;
      send(api, { api, method: 'GET', cursor });
    });
    list.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button.delete');
      const id = button?.dataset.id;
      if (!button || !id) return;
      button.disabled = true;
      send(api, { api, method: 'DELETE', id });
    });
    render(api);
  }

  return {
    /**
     * Applies one API answer: a 200 list replaces the list (its next page is added to it), a 201 adds the
     * item, a 204 removes it.
     */
    show(result: ApiResult): void {
      const { request } = result;
      const { api } = request;
      const kind = KINDS[api];
      const ok = result.status !== null && result.status >= 200 && result.status < 300;
      if (request.method === 'GET') {
        const page = ok ? itemsOf(result.body, kind.listKey) : undefined;
        if (request.cursor !== undefined && page === undefined) {
          say(api, 'error', `Could not load more. ${failure(result)}`);
          render(api);
          return;
        }
        items[api] = request.cursor !== undefined && page !== undefined ? [...(items[api] ?? []), ...page] : page;
        next[api] = ok ? nextOf(result.body) : undefined;
        render(api);
        return;
      }
      if (request.method === 'POST') {
        const created = ok ? (result.body as Item | undefined) : undefined;
        if (created === undefined || typeof created.id !== 'string') {
          say(api, 'error', `Not added. ${failure(result)}`);
          return;
        }
        const list = [...(items[api] ?? []), created];
        items[api] = list.sort(kind.compare);
        parts(api).form.reset();
        render(api);
        say(api, 'ok', `Added ${kind.label(created)}.`);
        return;
      }
      const index = (items[api] ?? []).findIndex((item) => item.id === request.id);
      const gone = items[api]?.[index];
      if (!ok) {
        render(api, index);
        say(api, 'error', `Not deleted. ${failure(result)}`);
        return;
      }
      items[api] = (items[api] ?? []).filter((item) => item.id !== request.id);
      render(api, index);
      say(api, 'ok', `Deleted ${gone ? kind.label(gone) : `the ${kind.noun}`}.`);
    },

    /** Signed out: nothing of the last user's data stays on the page. */
    clear(): void {
      for (const api of ['contacts', 'calendar'] as const) {
        items[api] = undefined;
        next[api] = undefined;
        parts(api).form.reset();
        say(api, 'ok', '');
        render(api);
      }
    },
  };
}

export type DataView = ReturnType<typeof createDataView>;
