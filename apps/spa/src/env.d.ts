import type { SpaEnv } from './config.ts';

declare global {
  /** Replaced at build time by vite.config.ts (`define`) with the SPA's variables only. */
  const __ORGANIZER_SPA_ENV__: SpaEnv;
}
