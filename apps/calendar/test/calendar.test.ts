import { StoreConfigError } from '@organizer/store';
import { describeItemService, useItemService } from '@organizer/testing';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../src/config.ts';
import { CALENDAR_SPEC, slot } from './support/calendar-spec.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const WHEN = 'must be an ISO 8601 date and time with an offset, such as 2026-12-01T09:30:00Z';
const ok = { title: 'Lunch', start: '2030-01-01T12:00:00Z', end: '2030-01-01T13:00:00Z' };

// What calendar shares with contacts (routes, rules, the protected-service suite, settings), with its own data.
const target = describeItemService(CALENDAR_SPEC, {
  invalid: [
    ['no fields', {}, 'title is required; start is required; end is required'],
    ['an empty title', { ...ok, title: '  ' }, 'title must not be empty'],
    ['a title of 201 characters', { ...ok, title: 'x'.repeat(201) }, 'title must be at most 200 characters'],
    [
      'a title with a line break',
      { ...ok, title: 'Lunch\nwith Ada' },
      'title must be one line of text (no control characters)',
    ],
    ['a number for a title', { ...ok, title: 7 }, 'title must be a string'],
    ['a title of only zero-width spaces', { ...ok, title: '\u200b' }, 'title must not be empty'],
    [
      'a title with a paragraph separator',
      { ...ok, title: 'Lunch\u2029with Ada' },
      'title must be one line of text (no control characters)',
    ],
    ['a date without a time', { ...ok, start: '2030-01-01' }, `start ${WHEN}`],
    ['a time without an offset', { ...ok, end: '2030-01-01T13:00:00' }, `end ${WHEN}`],
    [
      'a day that does not exist',
      { ...ok, start: '2030-02-30T12:00:00Z', end: '2030-03-01T12:00:00Z' },
      `start ${WHEN}`,
    ],
    ['a timestamp number', { ...ok, start: 1893499200000 }, `start ${WHEN}`],
    ['an end before the start', { ...ok, end: '2030-01-01T11:00:00Z' }, 'end must be after start'],
    [
      'a start whose offset carries it past the year 9999',
      { ...ok, start: '9999-12-31T23:59:59-23:59', end: '9999-12-31T23:59:59Z' },
      'start must be in the years 1000 to 9999 (UTC)',
    ],
    [
      'an end whose offset carries it before the year 1000',
      { ...ok, start: '0999-12-31T00:00:00Z', end: '1000-01-01T00:00:00+23:59' },
      'start must be in the years 1000 to 9999 (UTC); end must be in the years 1000 to 9999 (UTC)',
    ],
    [
      'an end equal to the start, in another offset',
      { ...ok, end: '2030-01-01T14:00:00+02:00' },
      'end must be after start',
    ],
    [
      'an id chosen by the client',
      { ...ok, id: 'a-1' },
      'The body has unknown fields: id (an appointment takes title, start and end)',
    ],
    [
      "another user's sub as owner",
      { ...ok, owner: 'auth0|carol' },
      'The body has unknown fields: owner (an appointment takes title, start and end)',
    ],
    ['an array', [ok], 'The body must be a JSON object { title, start, end }'],
  ],
  defaultDataDir: DEFAULT_DATA_DIR,
  defaultPort: 3002,
  storeConfigError: StoreConfigError,
});

describe('appointments of their own, on SQLite', () => {
  const s = useItemService(CALENDAR_SPEC, target);
  const add = async (sub: string, body: object) =>
    request(s().server)
      .post('/api/calendar')
      .set('Authorization', await s().bearer(sub))
      .send(body);
  const list = async (sub: string) =>
    (
      await request(s().server)
        .get('/api/calendar')
        .set('Authorization', await s().bearer(sub))
    ).body.appointments;

  it('answers 201 with the created appointment in UTC, which the next read lists in start order', async () => {
    const alice = s().user('alice');
    const res = await add(alice, {
      title: '  Dinner with Hedy ',
      start: '2030-06-01T19:30:00+02:00',
      end: '2030-06-01T21:00:00.5+02:00',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(UUID),
      title: 'Dinner with Hedy',
      start: '2030-06-01T17:30:00.000Z',
      end: '2030-06-01T19:00:00.500Z',
    });
    // The demo week is before 2030: it comes last.
    expect((await list(alice)).at(-1)).toEqual(res.body);
    const early = await add(alice, slot('Early', -48));
    expect((await list(alice))[0]).toEqual(early.body);
  });
});
