import type { Caller } from '@organizer/auth';
export interface Contact {
    readonly id: string;
    readonly name: string;
    readonly email: string;
    /** Absent when the contact was added without one. */
    readonly phone?: string;
}
export type NewContact = Omit<Contact, 'id'>;
/** What a user's address book starts with: seeded once, on their first read, then theirs to change. */
export declare const DEMO_CONTACTS: readonly NewContact[];
/** The organisation's shared contacts, what a machine-to-machine client reads; fixed, owned by no user. */
export declare const SHARED_CONTACTS: readonly Contact[];
export interface ContactsAnswer {
    readonly owner: string;
    readonly kind: Caller['kind'];
    readonly contacts: readonly Contact[];
}
