// `pnpm start` runs the build of scripts/src/start.ts. Plain JavaScript, so that before `pnpm build` it
// can still say what to do instead of failing with a missing-module error.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/start.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('pnpm start: nothing is built yet; run pnpm build first.');
  process.exit(1);
}
await import(entry.href);
