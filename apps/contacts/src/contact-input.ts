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

export const LIMITS = { name: 100, email: 254, phone: 32 } as const;

/** POST /api/contacts: `{ name, email, phone? }` and nothing else. */
export const newContactSchema = z.strictObject(
  {
    name: z
      .string({ error: required('a string') })
      .trim()
      .regex(VISIBLE, 'must not be empty')
      .max(LIMITS.name, `must be at most ${LIMITS.name} characters`)
      .regex(ONE_LINE, 'must be one line of text (no control characters)'),
    // RFC 5321 caps an address at 254 characters.
    email: z
      .email({
        error: (issue) =>
          issue.input === undefined ? 'is required' : 'must be an email address such as ada@example.com',
      })
      .max(LIMITS.email, `must be at most ${LIMITS.email} characters`),
    phone: z
      .string({ error: required('a string') })
      .trim()
      .max(LIMITS.phone, `must be at most ${LIMITS.phone} characters`)
      .regex(
        /^\+?[0-9][0-9 ().-]*[0-9]$/,
        'must be a phone number: digits, spaces and + ( ) - . only, such as +44 7700 900123',
      )
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `The body has unknown fields: ${issue.keys.join(', ')} (a contact takes name, email and phone)`
        : 'The body must be a JSON object { name, email, phone? }',
  },
);

/** DELETE /api/contacts/:id: ids are UUIDs, so anything else is refused before the database is asked. */
export const contactIdSchema = z.strictObject({ id: z.uuid({ error: 'must be a contact id (a UUID)' }) });
