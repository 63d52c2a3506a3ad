import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeServiceLifecycle, describeStartCommand, describeStoreAtStart } from '@organizer/testing';
import { CALENDAR_SPEC } from './support/calendar-spec.ts';

const { appDir } = CALENDAR_SPEC;

// The shared start-up behaviour, with the data in a scratch folder instead of apps/calendar/.data.
describeStartCommand({
  service: 'calendar',
  appDir,
  route: '/api/calendar',
  scope: 'read:calendar',
  env: { DATA_DIR: join(tmpdir(), `organizer-calendar-suite-${process.pid}`) },
});

// The graceful stop and the request log, on the same entry file.
describeServiceLifecycle({
  service: 'calendar',
  appDir,
  route: '/api/calendar',
  readScope: 'read:calendar',
  writeScope: 'write:calendar',
  newItem: CALENDAR_SPEC.sample(0).body,
  env: { DATA_DIR: join(tmpdir(), `organizer-calendar-lifecycle-${process.pid}`), DATABASE_URL: '' },
});

// What was written survives a restart; a store that cannot be used stops the start with its message.
describeStoreAtStart(CALENDAR_SPEC);
