import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../src/index.ts';

function folderWithEnv(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'organizer-env-'));
  writeFileSync(join(dir, '.env'), text);
  return dir;
}

describe('readEnv', () => {
  it('reads the .env file and lets the process environment win, even with an empty value', () => {
    const file = join(
      folderWithEnv('AUDIENCE=from-file\nAUTH0_DOMAIN=tenant.example.com\nONLY_FILE="quoted value"\n'),
      '.env',
    );
    const env = readEnv({ AUDIENCE: 'from-process', AUTH0_DOMAIN: '' }, file);
    expect(env.AUDIENCE).toBe('from-process');
    expect(env.AUTH0_DOMAIN).toBe('');
    expect(env.ONLY_FILE).toBe('quoted value');
  });

  it('works without a .env file', () => {
    expect(readEnv({ A: '1' }, join(tmpdir(), 'organizer-missing', '.env'))).toEqual({ A: '1' });
  });

  it('reads .env in the working directory by default, as a copied service keeps its own', () => {
    const dir = folderWithEnv('FROM_FILE=yes\nSHARED=file\n');
    const before = process.cwd();
    process.chdir(dir);
    try {
      const env = readEnv({ SHARED: 'process' });
      expect([env.FROM_FILE, env.SHARED]).toEqual(['yes', 'process']);
    } finally {
      process.chdir(before);
    }
  });
});
