import { fileURLToPath } from 'node:url';
import { describeStartCommand } from '@organizer/auth/testing';

describeStartCommand({ service: 'calendar', appDir: fileURLToPath(new URL('..', import.meta.url)), route: '/api/calendar', scope: 'read:calendar' });
