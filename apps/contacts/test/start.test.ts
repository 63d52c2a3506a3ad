import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeServiceLifecycle, describeStartCommand, describeStoreAtStart } from '@organizer/testing';
import { CONTACTS_SPEC } from './support/contacts-spec.ts';

const { appDir } = CONTACTS_SPEC;

// The shared start-up behaviour, with the data in a scratch folder instead of apps/contacts/.data.
describeStartCommand({
  service: 'contacts',
  appDir,
  route: '/api/contacts',
  scope: 'read:contacts',
  env: { DATA_DIR: join(tmpdir(), `organizer-contacts-suite-${process.pid}`) },
});

// The graceful stop and the request log, on the same entry file.
describeServiceLifecycle({
  service: 'contacts',
  appDir,
  route: '/api/contacts',
  readScope: 'read:contacts',
  writeScope: 'write:contacts',
  newItem: CONTACTS_SPEC.sample(0).body,
  env: { DATA_DIR: join(tmpdir(), `organizer-contacts-lifecycle-${process.pid}`), DATABASE_URL: '' },
});

// What was written survives a restart; a store that cannot be used stops the start with its message.
describeStoreAtStart(CONTACTS_SPEC);
