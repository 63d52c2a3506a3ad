export interface Contact {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** Absent when the contact was added without one. */
  readonly phone?: string;
}

export type NewContact = Omit<Contact, 'id'>;

// Fictional people; phone numbers from the UK's drama range (07700 900000-900999), never in service.
/** What a user's address book starts with: seeded once, on their first read, then theirs to change. */
export const DEMO_CONTACTS: readonly NewContact[] = [
  { name: 'Grace Hopper', email: 'grace.hopper@example.com', phone: '+44 7700 900101' },
  { name: 'Alan Turing', email: 'alan.turing@example.com', phone: '+44 7700 900102' },
  { name: 'Ada Lovelace', email: 'ada.lovelace@example.org', phone: '+44 7700 900103' },
  { name: 'Katherine Johnson', email: 'katherine.johnson@example.net', phone: '+44 7700 900104' },
];

/** The organisation's shared contacts, what a machine-to-machine client reads; fixed, owned by no user. */
export const SHARED_CONTACTS: readonly Contact[] = [
  { id: 'org-1', name: 'Front Desk', email: 'frontdesk@organizer.example', phone: '+44 7700 900001' },
  { id: 'org-2', name: 'IT Help', email: 'it-help@organizer.example', phone: '+44 7700 900002' },
];
