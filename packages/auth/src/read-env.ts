import { existsSync, readFileSync } from 'node:fs';
import { parse, populate } from 'dotenv';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The process environment with a `.env` file under it, read by dotenv. A variable set in the process wins
 * over the file, and an empty value there still counts as set (dotenv's own rule: it never replaces a key
 * that exists). The default file is `.env` in the working directory, where a service keeps its own; a
 * missing file is no error. Config loaders call this once with `process.env`, so nothing else reads it.
 */
export function readEnv(processEnv: Env, envFile: string | URL = '.env'): Env {
  const merged: Record<string, string | undefined> = { ...processEnv };
  if (existsSync(envFile)) populate(merged, parse(readFileSync(envFile)));
  return merged;
}
