import { z } from 'zod';

// Messages are predicates: the error handler's description reads "<field> <message>" (see validInput).
const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${what}`;

/** No control characters (line breaks, NUL) in a one-line field. */
const ONE_LINE = /^[^\p{Cc}]*$/u;

export const LIMITS = { title: 200 } as const;

/**
 * An instant with its offset (Z or ±hh:mm), such as 2026-12-01T09:30:00Z: a local time without one would
 * mean a different moment for every reader. zod checks that the date exists (no 30 February).
 */
const instant = z.iso.datetime({
  offset: true,
  error: required('an ISO 8601 date and time with an offset, such as 2026-12-01T09:30:00Z'),
});

/** POST /api/calendar: `{ title, start, end }` and nothing else; the times come back in UTC. */
export const newAppointmentSchema = z
  .strictObject(
    {
      title: z
        .string({ error: required('a string') })
        .trim()
        .min(1, 'must not be empty')
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
  .refine((input) => input.end > input.start, { message: 'must be after start', path: ['end'] });

/** DELETE /api/calendar/:id: ids are UUIDs, so anything else is refused before the database is asked. */
export const appointmentIdSchema = z.strictObject({ id: z.uuid({ error: 'must be an appointment id (a UUID)' }) });
