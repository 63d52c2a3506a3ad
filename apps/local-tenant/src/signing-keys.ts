import { generateKeyPair } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, type JWK } from 'jose';

/** One RS256 key as stored on disk; the first key in the file signs, the others are only published. */
export interface StoredKey {
  createdAt: string;
  /** When a newer key took over; the key stays published until tokens it signed have expired. */
  retiredAt?: string;
  jwk: JWK;
}

export interface KeyOptions {
  /** How long a retired key stays published: the longest lifetime of a token it may have signed. */
  retentionSeconds: number;
  now?: Date;
}

const FILE = 'signing-keys.json';

async function newKey(now: Date): Promise<StoredKey> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e });
  return { createdAt: now.toISOString(), jwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

/** Only the owner may list the folder or read the file: it holds the private key. */
async function restrictAccess(dir: string): Promise<void> {
  await chmod(dir, 0o700);
  await chmod(join(dir, FILE), 0o600);
}

async function read(dir: string): Promise<StoredKey[]> {
  const path = join(dir, FILE);
  let parsed: { keys?: StoredKey[] };
  try {
    parsed = JSON.parse(await readFile(path, 'utf8')) as { keys?: StoredKey[] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`${path} is unreadable (${(error as Error).message}); delete it to start with a new key.`);
  }
  // A folder copied or created by hand may be readable by others; tighten it before the key is used.
  await restrictAccess(dir);
  return Array.isArray(parsed.keys) ? parsed.keys : [];
}

async function write(dir: string, keys: StoredKey[]): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode applies only to folders it creates; an existing one is tightened before the key lands in it.
  await chmod(dir, 0o700);
  // Write then rename, so a crash never leaves a half-written key file behind.
  const temporary = join(dir, `${FILE}.${process.pid}.tmp`);
  await writeFile(temporary, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, join(dir, FILE));
}

function prune(keys: StoredKey[], { retentionSeconds, now = new Date() }: KeyOptions): StoredKey[] {
  return keys.filter((key, index) => {
    if (index === 0 || !key.retiredAt) return true;
    return Date.parse(key.retiredAt) + retentionSeconds * 1000 > now.getTime();
  });
}

/** The stored keys (active first), creating the first key when the folder holds none. */
export async function loadSigningKeys(dir: string, options: KeyOptions): Promise<StoredKey[]> {
  const stored = await read(dir);
  const keys = stored.length === 0 ? [await newKey(options.now ?? new Date())] : prune(stored, options);
  if (keys.length !== stored.length) await write(dir, keys);
  return keys;
}

/** Adds a new signing key in front and retires the previous one; keys past their retention are dropped. */
export async function rotateSigningKeys(
  dir: string,
  options: KeyOptions,
): Promise<{ active: StoredKey; published: StoredKey[] }> {
  const now = options.now ?? new Date();
  const existing = (await read(dir)).map((key) => (key.retiredAt ? key : { ...key, retiredAt: now.toISOString() }));
  const keys = prune([await newKey(now), ...existing], { ...options, now });
  await write(dir, keys);
  return { active: keys[0]!, published: keys };
}
