import { fileURLToPath } from 'node:url';
import { describeStartCommand } from '@organizer/auth/testing';

describeStartCommand({ service: 'contacts', appDir: fileURLToPath(new URL('..', import.meta.url)), route: '/api/contacts', scope: 'read:contacts' });
