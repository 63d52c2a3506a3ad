import { z } from 'zod';
export declare const LIMITS: {
    readonly name: 100;
    readonly email: 254;
    readonly phone: 32;
};
/** POST /api/contacts: `{ name, email, phone? }` and nothing else. */
export declare const newContactSchema: z.ZodObject<{
    name: z.ZodString;
    email: z.ZodEmail;
    phone: z.ZodOptional<z.ZodString>;
}, z.core.$strict>;
/** DELETE /api/contacts/:id: ids are UUIDs, so anything else is refused before the database is asked. */
export declare const contactIdSchema: z.ZodObject<{
    id: z.ZodUUID;
}, z.core.$strict>;
