// Wiring only: the settings, the store and the app, started by the runner both services share.
import { runService } from '@organizer/service';
import { createApp, openContactsStore } from './app.ts';
import { loadConfig } from './config.ts';

await runService({ name: 'contacts', loadConfig, openStore: openContactsStore, createApp });
