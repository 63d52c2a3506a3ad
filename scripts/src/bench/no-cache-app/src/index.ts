/**
 * The contacts service with the verified-token cache turned off: the "library alone" baseline that
 * issue 6's second goal compares with. Run it with `pnpm bench --app scripts/src/bench/no-cache-app`.
 * Benchmark-only; it wires the real app and config exactly as apps/contacts/src/index.ts does.
 */
import { createApp, openContactsStore } from '../../../../../apps/contacts/src/app.ts';
import { loadConfig } from '../../../../../apps/contacts/src/config.ts';

const config = loadConfig();
const store = await openContactsStore(config.data);
createApp(config, { store, cache: false }).listen(config.port, '127.0.0.1');
