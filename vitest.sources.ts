// Workspace packages export their sources under the "@organizer/source" condition and their build (dist/)
// by default (see tsconfig.base.json): tests run on the sources, so `pnpm test` needs no build. Processes a
// test starts (`node --import tsx …`, pnpm, Vite) get the same condition through NODE_OPTIONS.
export const SOURCE_CONDITION = '@organizer/source';

// Vite's own defaults (defaultClientConditions / defaultServerConditions), which `conditions` replaces.
export const useSources = {
  resolve: { conditions: [SOURCE_CONDITION, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'module', 'node', 'development|production'] } },
};

/** For `test.env`: inherited by every process a test starts. */
export const sourceEnv = { NODE_OPTIONS: `--conditions=${SOURCE_CONDITION}` };
