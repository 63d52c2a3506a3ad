import { readFile, writeFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';

/**
 * added: the variable was not in the file; filled: it was there but empty; unchanged: same value;
 * kept: a different value was left alone (no --force-env); replaced: a different value was replaced.
 */
export type EnvStatus = 'added' | 'filled' | 'unchanged' | 'kept' | 'replaced';

export interface EnvEntry {
  name: string;
  value: string;
  status: EnvStatus;
  /** The value the file had, for kept and replaced entries. */
  previous?: string | undefined;
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;

/** Node's .env parser has no escapes: a value is quoted with a quote character it does not contain. */
function formatValue(value: string): string {
  if (/^[\w.:/@+=-]*$/.test(value)) return value;
  const quote = ['"', "'", '`'].find((q) => !value.includes(q));
  if (quote === undefined || value.includes('\n'))
    throw new Error(`mergeEnvFile: ${JSON.stringify(value)} cannot be written to a .env file`);
  return `${quote}${value}${quote}`;
}

/** The value a line assigns, read by Node's own dotenv parser (the one readEnv uses). */
function lineValue(line: string, name: string): string {
  return parseEnv(line)[name] ?? '';
}

/**
 * Sets variables in the text of a .env file without losing anything else: comments, blank lines,
 * order and unrelated variables stay as they are. A variable that already has a different value
 * is kept unless `force`. New variables are appended under `header`. Pure, so it is easy to test.
 */
export function mergeEnvFile(
  text: string,
  values: ReadonlyArray<readonly [string, string]>,
  options: { force: boolean; header: string },
): { text: string; entries: EnvEntry[] } {
  const lines = text === '' ? [] : text.split('\n');
  if (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const appended: string[] = [];
  const entries: EnvEntry[] = [];

  for (const [name, value] of values) {
    let index = -1;
    lines.forEach((line, i) => {
      if (ASSIGNMENT.exec(line)?.[1] === name) index = i; // the last assignment wins, as in parseEnv
    });
    const assignment = `${name}=${formatValue(value)}`;
    if (index === -1) {
      appended.push(assignment);
      entries.push({ name, value, status: 'added' });
      continue;
    }
    const line = lines[index]!;
    const previous = lineValue(line, name);
    const eol = line.endsWith('\r') ? '\r' : '';
    if (previous === value) entries.push({ name, value, status: 'unchanged' });
    else if (previous === '' || options.force) {
      lines[index] = assignment + eol;
      entries.push({ name, value, status: previous === '' ? 'filled' : 'replaced', previous });
    } else entries.push({ name, value, status: 'kept', previous });
  }

  if (appended.length > 0) {
    if (lines.length > 0 && lines.at(-1)?.trim() !== '') lines.push('');
    lines.push(`# ${options.header}`, ...appended);
  }
  return { text: lines.length === 0 ? '' : `${lines.join('\n')}\n`, entries };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Merges the values into the .env file, writing it only when its text changes. */
export async function updateEnvFile(
  path: string,
  values: ReadonlyArray<readonly [string, string]>,
  options: { force: boolean; header: string },
): Promise<EnvEntry[]> {
  const before = await readIfExists(path);
  const { text, entries } = mergeEnvFile(before ?? '', values, options);
  // A new .env holds a client secret: readable by its owner only.
  if (text !== before) await writeFile(path, text, before === undefined ? { mode: 0o600 } : {});
  return entries;
}
