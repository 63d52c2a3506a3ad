import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface StartCommand {
  /** Node flags the app's `start` script gives (e.g. --max-semi-space-size=4), passed on as they are. */
  nodeFlags: string[];
  /**
   * `['--import', 'tsx']` when the script runs its entry through tsx (`tsx …` or `node … --import tsx …`);
   * empty when plain node runs it (a .ts entry with Node's own type stripping, or a built .js).
   */
  runner: string[];
  /** The entry file, relative to the app folder. */
  entry: string;
  /** The script as written, for the report. */
  script: string;
}

/**
 * Reads how `pnpm --filter <app> start` starts the app — `node [flags] <entry>`, `tsx [flags] <entry>` or
 * `node [flags] --import tsx <entry>` — so the benchmark and `pnpm dev` run the same entry with the same
 * flags, as one node process. `start:built` (`node [flags] dist/…js`) is read the same way for `pnpm start`.
 * Anything else falls back to src/index.ts without flags.
 */
export function readStartCommand(repoRoot: string, appDir: string, scriptName = 'start'): StartCommand {
  const file = join(resolve(repoRoot, appDir), 'package.json');
  const script = existsSync(file)
    ? ((JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts?.[scriptName] ?? '')
    : '';
  const words = script.trim().split(/\s+/);
  const fallback = { nodeFlags: [], runner: [], entry: 'src/index.ts', script };
  const [runner, ...rest] = words;
  if (runner !== 'tsx' && runner !== 'node') return fallback;
  const entry = rest.at(-1);
  if (entry === undefined || !/\.[cm]?[jt]s$/.test(entry)) return fallback;
  const nodeFlags: string[] = [];
  let throughTsx = runner === 'tsx';
  const flags = rest.slice(0, -1);
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i] ?? '';
    if (flag === '--import' && flags[i + 1] === 'tsx') {
      throughTsx = true;
      i += 1;
      continue;
    }
    if (!flag.startsWith('-')) return fallback;
    nodeFlags.push(flag);
  }
  return { nodeFlags, runner: throughTsx ? ['--import', 'tsx'] : [], entry, script };
}
