import { accessSync, constants } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export type BrowserLookup = { found: true; path: string } | { found: false; path: string; message: string };

/** Debian's Chromium, or the one CHROMIUM_PATH names. No browser is ever downloaded. */
export function findChromium(env: Readonly<Record<string, string | undefined>>): BrowserLookup {
  const path = env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM;
  try {
    accessSync(path, constants.X_OK);
    return { found: true, path };
  } catch {
    return {
      found: false,
      path,
      message:
        `No Chromium at ${path}. Install one with \`apt-get install -y chromium\` (Debian/Ubuntu), ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    };
  }
}
