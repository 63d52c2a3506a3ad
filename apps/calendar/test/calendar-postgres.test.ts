// The same routes on PostgreSQL (DATABASE_URL), in a throw-away server started by the workspace's test support
// (@organizer/testing), so every package starts PostgreSQL the same way (and skips or fails alike without it).
import { describeItemServiceOnPostgres } from '@organizer/testing';
import { CALENDAR_SPEC } from './support/calendar-spec.ts';

describeItemServiceOnPostgres(CALENDAR_SPEC);
