// `pnpm bench:baseline`: wiring only. The library-alone baseline of `pnpm bench` as a server configured like
// the contacts service (PORT, ISSUER_BASE_URL or AUTH0_DOMAIN, AUDIENCE, SPA_ORIGIN, DATA_DIR, DATABASE_URL),
// so a load generator outside this repository can measure it beside the service.
import { runService } from '@organizer/service';
import { openContactsStore } from '../../apps/contacts/src/app.ts';
import { createBaselineApp, loadBaselineConfig } from './bench/baseline-app.ts';

await runService({
  name: 'baseline',
  loadConfig: loadBaselineConfig,
  openStore: openContactsStore,
  createApp: createBaselineApp,
});
