import type { Caller } from '@organizer/auth';

export interface Contact {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
}

// Fictional people; phone numbers from the UK's drama range (07700 900000-900999), never in service.
const PERSONAL: readonly Contact[] = [
  { id: 'c-101', name: 'Grace Hopper', email: 'grace.hopper@example.com', phone: '+44 7700 900101' },
  { id: 'c-102', name: 'Alan Turing', email: 'alan.turing@example.com', phone: '+44 7700 900102' },
  { id: 'c-103', name: 'Ada Lovelace', email: 'ada.lovelace@example.org', phone: '+44 7700 900103' },
  { id: 'c-104', name: 'Katherine Johnson', email: 'katherine.johnson@example.net', phone: '+44 7700 900104' },
];

const SHARED: readonly Contact[] = [
  { id: 'org-1', name: 'Front Desk', email: 'frontdesk@organizer.example', phone: '+44 7700 900001' },
  { id: 'org-2', name: 'IT Help', email: 'it-help@organizer.example', phone: '+44 7700 900002' },
];

export interface ContactsAnswer {
  readonly owner: string;
  readonly kind: Caller['kind'];
  readonly contacts: readonly Contact[];
}

/**
 * A user sees their own address book (the same demo people for everyone, labelled with their `sub`);
 * a machine-to-machine client acts for no person, so it gets the organisation's shared contacts.
 */
export function contactsFor(caller: Caller): ContactsAnswer {
  if (caller.kind === 'client') return { owner: caller.clientId, kind: 'client', contacts: SHARED };
  return { owner: caller.subject, kind: 'user', contacts: [...PERSONAL, ...SHARED] };
}
