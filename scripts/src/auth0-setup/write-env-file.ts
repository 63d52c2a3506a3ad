import { readFile, writeFile } from 'node:fs/promises';
import { mergeEnvFile, type EnvEntry } from './env-file.ts';

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Merges the values into the .env file, writing it only when its text changes. */
export async function updateEnvFile(path: string, values: ReadonlyArray<readonly [string, string]>, options: { force: boolean; header: string }): Promise<EnvEntry[]> {
  const before = await readIfExists(path);
  const { text, entries } = mergeEnvFile(before ?? '', values, options);
  // A new .env holds a client secret: readable by its owner only.
  if (text !== before) await writeFile(path, text, before === undefined ? { mode: 0o600 } : {});
  return entries;
}
