import { z } from 'zod';

// Messages are predicates: the error handler's description reads "<field> <message>" (see validInput).
const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${what}`;

/**
 * One line of text: no control characters (line breaks, NUL), no line or paragraph separators (U+2028,
 * U+2029) and no bidirectional overrides (U+202A-U+202E, U+2066-U+2069), which would reorder what is shown.
 */
const ONE_LINE = /^[^\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]*$/u;
/** Something to see: a character that is not a space, a separator or invisible (such as U+200B alone). */
const VISIBLE = /[^\p{Z}\p{C}]/u;

export const LIMITS = { title: 200 } as const;

/**
 * The years an appointment may fall in, in UTC. Within them every instant's toISOString() has the same
 * length (YYYY-MM-DDTHH:mm:ss.sssZ), so the stored text sorts as the instants do; an offset cannot carry
 * a time out of them unnoticed (9999-12-31T23:59:59-23:59 is in the year 10000).
 */
export const YEARS = { first: 1000, last: 9999 } as const;

function inRange(ms: number): boolean {
  const year = new Date(ms).getUTCFullYear();
  return year >= YEARS.first && year <= YEARS.last;
}

/**
 * An instant with its offset (Z or ±hh:mm), such as 2026-12-01T09:30:00Z: a local time without one would
 * mean a different moment for every reader. zod checks that the date exists (no 30 February).
 */
const instant = z.iso
  .datetime({ offset: true, error: required('an ISO 8601 date and time with an offset, such as 2026-12-01T09:30:00Z') })
  .refine((value) => inRange(Date.parse(value)), `must be in the years ${YEARS.first} to ${YEARS.last} (UTC)`);

/** POST /api/calendar: `{ title, start, end }` and nothing else; the times come back in UTC. */
export const newAppointmentSchema = z
  .strictObject(
    {
      title: z
        .string({ error: required('a string') })
        .trim()
        .regex(VISIBLE, 'must not be empty')
        .max(LIMITS.title, `must be at most ${LIMITS.title} characters`)
        .regex(ONE_LINE, 'must be one line of text (no control characters)'),
      start: instant,
      end: instant,
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `The body has unknown fields: ${issue.keys.join(', ')} (an appointment takes title, start and end)`
          : 'The body must be a JSON object { title, start, end }',
    },
  )
  .transform((input) => ({
    title: input.title,
    start: new Date(input.start).toISOString(),
    end: new Date(input.end).toISOString(),
  }))
  // Compared as instants (milliseconds), not as the text they are stored as.
  .refine((input) => Date.parse(input.end) > Date.parse(input.start), {
    message: 'must be after start',
    path: ['end'],
  });

/** DELETE /api/calendar/:id: ids are UUIDs, so anything else is refused before the database is asked. */
export const appointmentIdSchema = z.strictObject({ id: z.uuid({ error: 'must be an appointment id (a UUID)' }) });
